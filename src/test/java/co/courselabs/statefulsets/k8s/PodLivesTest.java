package co.courselabs.statefulsets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.progress.PodChart;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PodLivesTest {

    private static Timeline.Entry<V1Pod> change(int second, String type, String name, String uid, String phase,
            boolean ready, boolean terminating) {
        V1ObjectMeta meta = new V1ObjectMeta().name(name).uid(uid);
        if (terminating) {
            meta.deletionTimestamp(OffsetDateTime.parse("2026-12-01T10:00:00Z"));
        }
        V1PodStatus status = new V1PodStatus().phase(phase)
                .conditions(List.of(new V1PodCondition().type("Ready").status(ready ? "True" : "False")));
        return new Timeline.Entry<>(second, type, new V1Pod().metadata(meta).status(status),
                Instant.EPOCH.plusSeconds(second));
    }

    @Test
    @DisplayName("a watch reads as one life per Pod UID, old and new apart when a name is reused")
    void livesPerUid() {
        List<PodChart.Life> lives = PodLives.of(List.of(
                change(0, "MODIFIED", "db-1", "a", "Running", true, true),
                change(5, "DELETED", "db-1", "a", "Running", false, true),
                change(6, "ADDED", "db-1", "b", "Pending", false, false),
                change(8, "MODIFIED", "db-1", "b", "Running", false, false),
                change(9, "MODIFIED", "db-1", "b", "Running", true, false),
                change(9, "ADDED", "other", "c", "Pending", false, false)), name -> name.startsWith("db-"));
        assertThat(lives).extracting(PodChart.Life::label).containsExactly("db-1 (old)", "db-1 (new)");
        PodChart.Life old = lives.get(0);
        assertThat(old.createdInView()).isFalse();
        assertThat(old.terminating()).isEqualTo(Instant.EPOCH);
        assertThat(old.gone()).isEqualTo(Instant.EPOCH.plusSeconds(5));
        PodChart.Life replacement = lives.get(1);
        assertThat(replacement.createdInView()).isTrue();
        assertThat(replacement.running()).isEqualTo(Instant.EPOCH.plusSeconds(8));
        assertThat(replacement.ready()).isEqualTo(Instant.EPOCH.plusSeconds(9));
        assertThat(replacement.gone()).isNull();
    }
}

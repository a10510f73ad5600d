package co.courselabs.statefulsets.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private final List<Timeline.Entry<V1Pod>> changes = List.of(
            change(0, "ADDED", "simple-statefulset-0", "Pending"),
            change(1, "MODIFIED", "simple-statefulset-0", "Running"),
            change(2, "ADDED", "simple-statefulset-1", "Pending"));

    @Test
    @DisplayName("the first change after which a Pod is in a state is found by its number")
    void findsTheFirstChange() {
        assertThat(Timeline.requireFirst(changes, "simple-statefulset-0", "running", PodStates::isRunning,
                PodStates::summary).index()).isEqualTo(1);
        assertThat(Timeline.firstIndex(changes, "simple-statefulset-1", PodStates::isRunning)).isEmpty();
    }

    @Test
    @DisplayName("a change the watch never saw fails with every change it did see")
    void missingChangeListsWhatWasSeen() {
        assertThatThrownBy(() -> Timeline.requireFirst(changes, "simple-statefulset-1", "running",
                PodStates::isRunning, PodStates::summary))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("the watch never saw simple-statefulset-1 running. ")
                .hasMessageContaining("#1 MODIFIED simple-statefulset-0: Running")
                .hasMessageContaining("#2 ADDED simple-statefulset-1: Pending");
    }

    private static Timeline.Entry<V1Pod> change(int index, String type, String name, String phase) {
        return new Timeline.Entry<>(index, type,
                new V1Pod().metadata(new V1ObjectMeta().name(name)).status(new V1PodStatus().phase(phase)),
                Instant.EPOCH.plusSeconds(index));
    }
}

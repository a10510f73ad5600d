package co.courselabs.statefulsets.grade.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateRunning;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1Probe;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StabilityTest {

    private static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");

    private static V1Pod pod(V1Probe liveness, int restarts) {
        V1ContainerStatus status = new V1ContainerStatus().name("app").ready(true).restartCount(restarts)
                .state(new V1ContainerState().running(new V1ContainerStateRunning()
                        .startedAt(OffsetDateTime.ofInstant(STARTED, ZoneOffset.UTC))));
        if (restarts > 0) {
            status.lastState(new V1ContainerState().terminated(new V1ContainerStateTerminated().reason("Error")
                    .exitCode(137)));
        }
        return new V1Pod().metadata(new V1ObjectMeta().name("simple-proxy-0").uid("p0"))
                .spec(new V1PodSpec().containers(List.of(new V1Container().name("app").livenessProbe(liveness))))
                .status(new V1PodStatus().phase("Running").containerStatuses(List.of(status))
                        .conditions(List.of(new V1PodCondition().type("Ready").status("True"))));
    }

    private static CoreV1Event livenessFailed(int count) {
        return new CoreV1Event().type("Warning").reason("Unhealthy").count(count)
                .involvedObject(new V1ObjectReference().uid("p0"))
                .lastTimestamp(OffsetDateTime.ofInstant(STARTED.plusSeconds(10), ZoneOffset.UTC))
                .message("Liveness probe failed: HTTP probe failed with statuscode: 404");
    }

    private static PodsSnapshot at(int second, V1Pod pod, CoreV1Event... events) {
        return new PodsSnapshot(Map.of("simple-proxy-0", pod), Map.of(), List.of(events),
                STARTED.plusSeconds(second));
    }

    @Test
    @DisplayName("Pods without a liveness probe need no hold; with one, until its second period and the kubelet's"
            + " events have had time to arrive, failed or not")
    void hold() {
        assertThat(Stability.holdUntil(at(5, pod(null, 0)))).isEqualTo(STARTED.plusSeconds(5));
        assertThat(Stability.holdUntil(at(5, pod(new V1Probe(), 0)))).isEqualTo(STARTED.plusSeconds(25));
        assertThat(Stability.holdUntil(at(5, pod(new V1Probe().periodSeconds(3).initialDelaySeconds(4), 0))))
                .isEqualTo(STARTED.plusSeconds(15));
        assertThat(Stability.holdUntil(at(11, pod(new V1Probe(), 0), livenessFailed(1))))
                .isEqualTo(STARTED.plusSeconds(25));
    }

    @Test
    @DisplayName("a restart, or a liveness probe failing twice, is 'your Pods keep restarting' with the probe's words")
    void unstable() {
        assertThat(Stability.problem(at(12, pod(new V1Probe(), 0)))).isEmpty();
        assertThat(Stability.problem(at(12, pod(new V1Probe(), 0), livenessFailed(1)))).isEmpty();
        assertThat(Stability.problem(at(21, pod(new V1Probe(), 0), livenessFailed(2)))).get().asString()
                .isEqualTo("your Pods will keep restarting: simple-proxy-0's liveness probe failed 2 times; Liveness"
                        + " probe failed: HTTP probe failed with statuscode: 404");
        assertThat(Stability.problem(at(40, pod(new V1Probe(), 1), livenessFailed(3)))).get().asString()
                .startsWith("your Pods keep restarting: simple-proxy-0 restarted 1 time while it was graded (app: last"
                        + " terminated Error (exit code 137))");
        assertThat(Stability.holdUntil(at(21, pod(new V1Probe(), 0), livenessFailed(2))))
                .as("no hold once it is unstable").isEqualTo(STARTED.plusSeconds(21));
    }

    @Test
    @DisplayName("a gentle liveness probe is watched up to the grader's bound, and the grade says what was seen by then")
    void gentleProbeIsHeldToTheBound() {
        V1Probe gentle = new V1Probe().initialDelaySeconds(15).periodSeconds(30);
        Instant bound = STARTED.plusSeconds(50);
        assertThat(Stability.holdUntil(at(5, pod(gentle, 0)))).isEqualTo(STARTED.plusSeconds(80));
        assertThat(Stability.problem(at(50, pod(gentle, 0)))).as("nothing unstable seen by the bound").isEmpty();
        assertThat(Stability.cutShort(at(50, pod(gentle, 0)), bound)).get().asString()
                .contains("initial delay 15 s, every 30 s").contains("no restart or failed probe was seen");
        assertThat(Stability.cutShort(at(5, pod(new V1Probe(), 0)), bound)).as("a probe at the defaults").isEmpty();
    }
}

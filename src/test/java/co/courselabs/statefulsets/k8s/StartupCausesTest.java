package co.courselabs.statefulsets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateRunning;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimStatus;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1Probe;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StartupCausesTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-12-01T10:00:00Z");

    private static V1Pod pending(String scheduledMessage) {
        return new V1Pod().metadata(new V1ObjectMeta().name("simple-proxy-0").uid("p0"))
                .spec(new V1PodSpec().containers(List.of(new V1Container().name("app").image("nginx:1.18-alpine"))))
                .status(new V1PodStatus().phase("Pending").conditions(List.of(new V1PodCondition().type("PodScheduled")
                        .status("False").reason("Unschedulable").message(scheduledMessage).lastTransitionTime(T0))));
    }

    private static V1Pod runningNotReady(V1Probe readiness, V1Probe liveness) {
        return new V1Pod().metadata(new V1ObjectMeta().name("simple-proxy-0").uid("p0"))
                .spec(new V1PodSpec().containers(List.of(new V1Container().name("app").image("nginx:1.18-alpine")
                        .readinessProbe(readiness).livenessProbe(liveness))))
                .status(new V1PodStatus().phase("Running").containerStatuses(List.of(new V1ContainerStatus().name("app")
                        .ready(false).restartCount(0).state(new V1ContainerState().running(new V1ContainerStateRunning())))));
    }

    private static CoreV1Event event(String type, String reason, String message, Integer count) {
        return new CoreV1Event().type(type).reason(reason).message(message).count(count).firstTimestamp(T0)
                .lastTimestamp(T0);
    }

    @Test
    @DisplayName("a Pod the scheduler keeps finding no node for is a cause once it lasts or is said again;"
            + " a Pod waiting for its claims is not")
    void unschedulable() {
        String noNode = "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity.";
        V1Pod pod = pending(noNode);
        assertThat(StartupCauses.ofPod(pod, List.of(), T0.toInstant().plusSeconds(1))).isEmpty();
        assertThat(StartupCauses.ofPod(pod, List.of(), T0.toInstant().plusSeconds(6))).get().asString()
                .isEqualTo("Pod simple-proxy-0: FailedScheduling: " + noNode + " (since 10:00)");
        CoreV1Event again = event("Warning", "FailedScheduling", noNode, null);
        assertThat(StartupCauses.ofPod(pod, List.of(again, again), T0.toInstant().plusSeconds(1))).isPresent();
        V1Pod waitingForClaims = pending("0/1 nodes are available: 1 pod has unbound immediate PersistentVolumeClaims.");
        assertThat(StartupCauses.ofPod(waitingForClaims, List.of(), T0.toInstant().plusSeconds(60))).isEmpty();
    }

    @Test
    @DisplayName("a readiness probe that failed as often as its threshold is a cause, with the kubelet's words")
    void readinessProbe() {
        V1Pod pod = runningNotReady(new V1Probe(), null);
        String failed = "Readiness probe failed: dial tcp 10.42.0.43:8080: connect: connection refused";
        Instant now = T0.toInstant();
        assertThat(StartupCauses.ofPod(pod, List.of(event("Warning", "Unhealthy", failed, 2)), now)).isEmpty();
        assertThat(StartupCauses.ofPod(pod, List.of(event("Warning", "Unhealthy", failed, 3)), now)).get().asString()
                .isEqualTo("Pod simple-proxy-0: Unhealthy: " + failed + " (3 times; the probe allows 3) (since 10:00)");
        V1Pod strict = runningNotReady(new V1Probe().failureThreshold(1), null);
        assertThat(StartupCauses.ofPod(strict, List.of(event("Warning", "Unhealthy", failed, 1)), now)).isPresent();
        V1Pod livenessOnly = runningNotReady(null, new V1Probe());
        assertThat(StartupCauses.ofPod(livenessOnly, List.of(event("Warning", "Unhealthy", failed, 5)), now)).isEmpty();
    }

    @Test
    @DisplayName("a PVC whose StorageClass is not found is a cause at once; other warnings once repeated; a Bound one never")
    void claims() {
        V1PersistentVolumeClaim pending = new V1PersistentVolumeClaim()
                .metadata(new V1ObjectMeta().name("cache-simple-proxy-0").uid("c0"))
                .status(new V1PersistentVolumeClaimStatus().phase("Pending"));
        CoreV1Event noClass = event("Warning", "ProvisioningFailed",
                "storageclass.storage.k8s.io \"premium\" not found", 1);
        assertThat(StartupCauses.ofClaim(pending, List.of(noClass))).get().asString().isEqualTo(
                "PVC cache-simple-proxy-0: ProvisioningFailed: storageclass.storage.k8s.io \"premium\" not found"
                        + " (since 10:00)");
        CoreV1Event once = event("Warning", "ProvisioningFailed", "provisioner busy", 1);
        assertThat(StartupCauses.ofClaim(pending, List.of(once))).isEmpty();
        assertThat(StartupCauses.ofClaim(pending, List.of(event("Warning", "ProvisioningFailed", "provisioner busy", 2))))
                .isPresent();
        V1PersistentVolumeClaim bound = new V1PersistentVolumeClaim().metadata(pending.getMetadata())
                .status(new V1PersistentVolumeClaimStatus().phase("Bound"));
        assertThat(StartupCauses.ofClaim(bound, List.of(noClass))).isEmpty();
    }

    @Test
    @DisplayName("a readiness probe that never passed is certain by the clock once it has had its tries, however late"
            + " the kubelet's events come")
    void readinessNeverPassedByTheClock() {
        V1Pod pod = runningNotReady(new V1Probe(), null);
        pod.getStatus().getContainerStatuses().get(0).getState().getRunning().startedAt(T0);
        // every 10 s, 3 failures allowed, a 1 s timeout: certain 31 s after the container started
        assertThat(StartupCauses.ofPod(pod, List.of(), T0.toInstant().plusSeconds(30))).isEmpty();
        assertThat(StartupCauses.ofPod(pod, List.of(), T0.toInstant().plusSeconds(31))).get().asString()
                .isEqualTo("Pod simple-proxy-0: Unhealthy: container app was never Ready: its readiness probe (every 10 s,"
                        + " 3 failures allowed) did not pass in the 31 s after it started (since 10:00)");
        V1Pod waitsOnStartup = runningNotReady(new V1Probe(), null);
        waitsOnStartup.getSpec().getContainers().get(0).startupProbe(new V1Probe());
        waitsOnStartup.getStatus().getContainerStatuses().get(0).getState().getRunning().startedAt(T0);
        assertThat(StartupCauses.ofPod(waitsOnStartup, List.of(), T0.toInstant().plusSeconds(600)))
                .as("a readiness probe that waits on a startup probe").isEmpty();
    }
}

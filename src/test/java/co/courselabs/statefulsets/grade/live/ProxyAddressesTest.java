package co.courselabs.statefulsets.grade.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimStatus;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** When the Service can be judged: every Pod has an address, or the cluster has said why it will get none. */
class ProxyAddressesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:30Z");

    private static V1Pod pod(String name, String ip) {
        return new V1Pod().metadata(new V1ObjectMeta().name(name).uid(name))
                .spec(new V1PodSpec().nodeName("node").containers(List.of(new V1Container().name("app"))))
                .status(new V1PodStatus().phase(ip == null ? "Pending" : "Running").podIP(ip));
    }

    private static V1Pod unscheduled(String name, String message) {
        return new V1Pod().metadata(new V1ObjectMeta().name(name).uid(name))
                .spec(new V1PodSpec().containers(List.of(new V1Container().name("app"))))
                .status(new V1PodStatus().phase("Pending").conditions(List.of(new V1PodCondition().type("PodScheduled")
                        .status("False").reason("Unschedulable").message(message)
                        .lastTransitionTime(OffsetDateTime.ofInstant(NOW.minusSeconds(20), ZoneOffset.UTC)))));
    }

    private static V1PersistentVolumeClaim pending(String name) {
        return new V1PersistentVolumeClaim().metadata(new V1ObjectMeta().name(name).uid(name))
                .status(new V1PersistentVolumeClaimStatus().phase("Pending"));
    }

    private static CoreV1Event warning(String uid, String reason, String message) {
        return new CoreV1Event().type("Warning").reason(reason).message(message).count(1)
                .involvedObject(new V1ObjectReference().uid(uid))
                .lastTimestamp(OffsetDateTime.ofInstant(NOW.minusSeconds(5), ZoneOffset.UTC));
    }

    private static PodsSnapshot snapshot(List<V1Pod> pods, List<V1PersistentVolumeClaim> claims,
            CoreV1Event... events) {
        Map<String, V1Pod> byName = new LinkedHashMap<>();
        pods.forEach(p -> byName.put(p.getMetadata().getName(), p));
        Map<String, V1PersistentVolumeClaim> claimsByName = new LinkedHashMap<>();
        claims.forEach(c -> claimsByName.put(c.getMetadata().getName(), c));
        return new PodsSnapshot(byName, claimsByName, List.of(events), NOW);
    }

    @Test
    @DisplayName("every Pod with an address: settled, and the addresses are the Pods'")
    void allAddressed() {
        PodsSnapshot both = snapshot(List.of(pod("simple-proxy-0", "10.42.0.5"),
                pod("simple-proxy-1", "10.42.0.6")), List.of());
        assertThat(both.addressesSettled(false)).isTrue();
        assertThat(both.addresses()).containsExactly(Map.entry("simple-proxy-0", "10.42.0.5"),
                Map.entry("simple-proxy-1", "10.42.0.6"));
    }

    @Test
    @DisplayName("a scheduled Pod still making its sandbox, or a Pod not there yet, is waited for")
    void addressComing() {
        assertThat(snapshot(List.of(pod("simple-proxy-0", "10.42.0.5"), pod("simple-proxy-1", null)), List.of())
                .addressesSettled(false)).isFalse();
        Map<String, V1Pod> oneMissing = new LinkedHashMap<>();
        oneMissing.put("simple-proxy-0", pod("simple-proxy-0", "10.42.0.5"));
        oneMissing.put("simple-proxy-1", null);
        assertThat(new PodsSnapshot(oneMissing, Map.of(), List.of(), NOW).addressesSettled(false)).isFalse();
        assertThat(new PodsSnapshot(oneMissing, Map.of(), List.of(), NOW).addressesSettled(true))
                .as("a Pod its StatefulSet cannot create (over the quota): no address is coming").isTrue();
    }

    @Test
    @DisplayName("a Pod with no node, no mounted volumes or no bound claim, said for certain, gets no address:"
            + " settled without it")
    void noAddressComing() {
        V1Pod noNode = unscheduled("simple-proxy-1", "0/1 nodes are available: 1 node(s) didn't match Pod's node"
                + " affinity.");
        assertThat(snapshot(List.of(pod("simple-proxy-0", "10.42.0.5"), noNode), List.of()).addressesSettled(false))
                .isTrue();

        CoreV1Event noConfigMap = warning("simple-proxy-1", "FailedMount",
                "MountVolume.SetUp failed for volume \"config\" : configmap \"nginx-configmap\" not found");
        assertThat(snapshot(List.of(pod("simple-proxy-0", "10.42.0.5"), pod("simple-proxy-1", null)), List.of(),
                noConfigMap).addressesSettled(false)).isTrue();

        V1Pod waitingForClaim = unscheduled("simple-proxy-1", "0/1 nodes are available: 1 pod has unbound immediate"
                + " PersistentVolumeClaims.");
        List<V1Pod> pods = List.of(pod("simple-proxy-0", "10.42.0.5"), waitingForClaim);
        List<V1PersistentVolumeClaim> claims = List.of(pending("cache-simple-proxy-1"));
        assertThat(snapshot(pods, claims).addressesSettled(false)).as("a claim still binding").isFalse();
        assertThat(snapshot(pods, claims, warning("cache-simple-proxy-1", "ProvisioningFailed",
                "storageclass.storage.k8s.io \"premium\" not found")).addressesSettled(false)).isTrue();
    }
}

package co.courselabs.statefulsets.grade.live;

import co.courselabs.statefulsets.k8s.PodStates;
import co.courselabs.statefulsets.k8s.StartupCauses;
import co.courselabs.statefulsets.k8s.StartupCauses.Cause;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the cluster shows at one moment: the graded Pods and PVCs (null when not there) and their events. */
record PodsSnapshot(Map<String, V1Pod> pods, Map<String, V1PersistentVolumeClaim> claims, List<CoreV1Event> events,
        Instant at) {

    boolean allUp() {
        return pods.values().stream().allMatch(PodStates::isRunningAndReady)
                && claims.values().stream().allMatch(StartupCauses::isBound);
    }

    Optional<Cause> cause() {
        for (V1Pod pod : pods.values()) {
            if (pod != null) {
                Optional<Cause> cause = StartupCauses.ofPod(pod, about(pod.getMetadata().getUid()), at);
                if (cause.isPresent()) {
                    return cause;
                }
            }
        }
        return claims.values().stream().filter(Objects::nonNull)
                .map(c -> StartupCauses.ofClaim(c, about(c.getMetadata().getUid())))
                .flatMap(Optional::stream).findFirst();
    }

    /** The Pods that have an address, by name. */
    Map<String, String> addresses() {
        Map<String, String> addresses = new java.util.LinkedHashMap<>();
        pods.forEach((name, pod) -> {
            if (pod != null && pod.getStatus() != null && pod.getStatus().getPodIP() != null) {
                addresses.put(name, pod.getStatus().getPodIP());
            }
        });
        return addresses;
    }

    /**
     * Every Pod has an address or will not get one: without an address, a certain cause of the
     * Pod's own (it is not scheduled, or its volumes cannot be mounted, so it has no sandbox yet)
     * or of one of its claims means no address is coming.
     */
    boolean addressesSettled(boolean uncreatable) {
        Map<String, String> addresses = addresses();
        return pods.entrySet().stream().allMatch(pod -> addresses.containsKey(pod.getKey())
                || pod.getValue() == null && uncreatable
                || pod.getValue() != null && (StartupCauses.ofPod(pod.getValue(),
                        about(pod.getValue().getMetadata().getUid()), at).isPresent()
                        || claimsOf(pod.getKey()).anyMatch(c -> StartupCauses.ofClaim(c,
                                about(c.getMetadata().getUid())).isPresent())));
    }

    private java.util.stream.Stream<V1PersistentVolumeClaim> claimsOf(String pod) {
        return claims.entrySet().stream().filter(c -> c.getKey().endsWith("-" + pod) && c.getValue() != null)
                .map(Map.Entry::getValue);
    }

    private List<CoreV1Event> about(String uid) {
        return events.stream().filter(e -> uid.equals(e.getInvolvedObject().getUid())).toList();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        pods.forEach((name, pod) -> parts.add(name + " " + PodStates.summary(pod)));
        claims.forEach((name, claim) -> parts.add("PVC " + name + " "
                + (claim == null ? "missing" : claim.getStatus() == null ? "no status" : claim.getStatus().getPhase())));
        return String.join("; ", parts);
    }
}

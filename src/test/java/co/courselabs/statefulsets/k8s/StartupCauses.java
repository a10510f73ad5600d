package co.courselabs.statefulsets.k8s;

import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1Probe;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a Pod will not become Ready, or a PVC will not be Bound, in the cluster's own words, once the
 * cluster has said it for certain: it says the cause is final (an image that does not exist, a
 * StorageClass that is not there) or it repeats it (the scheduler finds no node again, a probe
 * fails as often as its threshold). Transient states the cluster calls passing (a claim not bound
 * yet, a kubelet cache not synced) are not causes.
 */
public final class StartupCauses {

    /** The scheduler says it again on every retry; by then it is not a Pod waiting for its claims. */
    static final Duration UNSCHEDULABLE_FOR = Duration.ofSeconds(5);
    private static final int DEFAULT_FAILURE_THRESHOLD = 3;

    /** What the cluster said, about which object, and when it first said it. */
    public record Cause(String object, String reason, String message, OffsetDateTime since) {
        @Override
        public String toString() {
            return object + ": " + reason + ": " + message + (since == null ? ""
                    : " (since " + since.toLocalTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
        }
    }

    private StartupCauses() {
    }

    /** {@code events} are the Pod's own (by UID); {@code now} is when the Pod was read. */
    public static Optional<Cause> ofPod(V1Pod pod, List<CoreV1Event> events, Instant now) {
        if (pod == null || pod.getStatus() == null) {
            return Optional.empty();
        }
        String name = "Pod " + pod.getMetadata().getName();
        Optional<String> hopeless = PodStates.hopeless(pod, events);
        if (hopeless.isPresent()) {
            String text = hopeless.get().replaceFirst("^Pod \\S+ cannot start: ", "");
            // since the first warning that is not the scheduler waiting for the Pod's claims
            return Optional.of(new Cause(name, "cannot start", text, firstTime(events.stream()
                    .filter(e -> "Warning".equals(e.getType()) && !isWaitingForClaims(e.getMessage())).toList())));
        }
        Optional<Cause> unschedulable = unschedulable(pod, events, now);
        if (unschedulable.isPresent()) {
            return unschedulable;
        }
        for (V1Container container : pod.getSpec().getContainers()) {
            Optional<Cause> probe = failingProbe(name, "Readiness", container.getReadinessProbe(), events)
                    .or(() -> failingProbe(name, "Liveness", container.getLivenessProbe(), events))
                    .or(() -> neverReady(pod, container, events, now));
            if (probe.isPresent()) {
                return probe;
            }
        }
        return Optional.empty();
    }

    /**
     * A readiness probe that has had all its tries and never passed, by the clock: the kubelet probes
     * on its own ticker, but says so in events at its own pace (a few a second, for every Pod of the
     * node: with many answers graded at once, the failures' events came a minute late). Its initial
     * delay, as many periods as its failure threshold, and its timeout after the
     * container started (its last try's, and a period to spare for the kubelet's ticker), the
     * container is still not Ready: the probe will not pass.
     */
    private static Optional<Cause> neverReady(V1Pod pod, V1Container container, List<CoreV1Event> events, Instant now) {
        V1Probe probe = container.getReadinessProbe();
        if (probe == null || container.getStartupProbe() != null) {
            return Optional.empty(); // no probe, or one that waits on a startup probe's own tries
        }
        Optional<OffsetDateTime> started = PodStates.allStatuses(pod).stream()
                .filter(s -> container.getName().equals(s.getName()) && !Boolean.TRUE.equals(s.getReady())
                        && s.getState() != null && s.getState().getRunning() != null)
                .map(s -> s.getState().getRunning().getStartedAt()).filter(Objects::nonNull).findFirst();
        if (started.isEmpty()) {
            return Optional.empty();
        }
        int period = probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds();
        int threshold = probe.getFailureThreshold() == null ? DEFAULT_FAILURE_THRESHOLD : probe.getFailureThreshold();
        long seconds = (probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds())
                + (long) period * threshold + (probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
        OffsetDateTime certain = started.get().plusSeconds(seconds);
        if (now.isBefore(certain.toInstant())) {
            return Optional.empty();
        }
        String said = events.stream().filter(e -> "Unhealthy".equals(e.getReason())
                        && String.valueOf(e.getMessage()).startsWith("Readiness probe failed"))
                .max(java.util.Comparator.comparing(Events::time)).map(e -> ": " + e.getMessage()).orElse("");
        return Optional.of(new Cause("Pod " + pod.getMetadata().getName(), "Unhealthy", "container "
                + container.getName() + " was never Ready: its readiness probe (every " + period + " s, " + threshold
                + " failures allowed) did not pass in the " + seconds + " s after it started" + said, started.get()));
    }

    /** A claim the cluster has bound to a volume: no cause to look for. False for a missing one. */
    public static boolean isBound(V1PersistentVolumeClaim claim) {
        return claim != null && claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase());
    }

    /** {@code events} are the PVC's own (by UID). */
    public static Optional<Cause> ofClaim(V1PersistentVolumeClaim claim, List<CoreV1Event> events) {
        if (claim == null || claim.getStatus() == null || isBound(claim)) {
            return Optional.empty();
        }
        return events.stream()
                .filter(e -> "Warning".equals(e.getType()))
                // a class or provisioner that does not exist is final; any other warning counts once repeated
                .filter(e -> String.valueOf(e.getMessage()).contains("not found") || Events.count(e) >= 2)
                .max(java.util.Comparator.comparing(Events::time))
                .map(e -> new Cause("PVC " + claim.getMetadata().getName(), e.getReason(), e.getMessage(),
                        firstTime(List.of(e))));
    }

    private static Optional<Cause> unschedulable(V1Pod pod, List<CoreV1Event> events, Instant now) {
        Optional<V1PodCondition> condition = Optional.ofNullable(pod.getStatus().getConditions()).stream()
                .flatMap(List::stream)
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason()))
                .findFirst();
        if (condition.isEmpty() || isWaitingForClaims(condition.get().getMessage())) {
            return Optional.empty();
        }
        String message = condition.get().getMessage();
        OffsetDateTime since = condition.get().getLastTransitionTime();
        long said = events.stream().filter(e -> "FailedScheduling".equals(e.getReason())
                && Objects.equals(e.getMessage(), message)).count();
        boolean lasting = since != null && !since.toInstant().plus(UNSCHEDULABLE_FOR).isAfter(now);
        return said >= 2 || lasting
                ? Optional.of(new Cause("Pod " + pod.getMetadata().getName(), "FailedScheduling", message, since))
                : Optional.empty();
    }

    /** The scheduler waits for the Pod's claims to be bound; their own causes say why they are not. */
    private static boolean isWaitingForClaims(String message) {
        return message == null || message.contains("unbound immediate PersistentVolumeClaims")
                || message.contains("skip schedule deleting pod");
    }

    /** A probe that failed as often as its failure threshold: the kubelet has given up on it (or restarts it). */
    private static Optional<Cause> failingProbe(String name, String kind, V1Probe probe, List<CoreV1Event> events) {
        if (probe == null) {
            return Optional.empty();
        }
        int threshold = probe.getFailureThreshold() == null ? DEFAULT_FAILURE_THRESHOLD : probe.getFailureThreshold();
        List<CoreV1Event> failures = events.stream()
                .filter(e -> "Unhealthy".equals(e.getReason())
                        && String.valueOf(e.getMessage()).startsWith(kind + " probe failed"))
                .toList();
        int times = failures.stream().mapToInt(Events::count).sum();
        if (times < threshold) {
            return Optional.empty();
        }
        CoreV1Event last = failures.stream().max(java.util.Comparator.comparing(Events::time)).orElseThrow();
        return Optional.of(new Cause(name, "Unhealthy", last.getMessage() + " (" + times + " times; the probe allows "
                + threshold + ")", firstTime(failures)));
    }

    private static OffsetDateTime firstTime(List<CoreV1Event> events) {
        return events.stream()
                .map(e -> e.getFirstTimestamp() != null ? e.getFirstTimestamp() : Events.time(e))
                .filter(t -> !OffsetDateTime.MIN.equals(t))
                .min(java.util.Comparator.naturalOrder()).orElse(null);
    }
}

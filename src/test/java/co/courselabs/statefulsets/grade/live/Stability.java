package co.courselabs.statefulsets.grade.live;

import co.courselabs.statefulsets.k8s.Events;
import co.courselabs.statefulsets.k8s.PodStates;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Probe;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Whether Pods that came up stay up: read from one snapshot, so it can be tested without a cluster. */
final class Stability {

    private static final int DEFAULT_PERIOD = 10;
    /** Seconds for the kubelet's events to reach the API server after a probe's result. */
    private static final int EVENTS_ARRIVE = 5;

    private Stability() {
    }

    /**
     * Why the Pods are not stable: one restarted while it was graded (its last termination and the
     * probe's words), or is no longer Ready, or its liveness probe failed twice (the kubelet will
     * restart it). Empty when they are.
     */
    static Optional<String> problem(PodsSnapshot snapshot) {
        for (V1Pod pod : snapshot.pods().values()) {
            if (pod == null) {
                continue;
            }
            String name = pod.getMetadata().getName();
            List<CoreV1Event> liveness = livenessFailures(snapshot, pod);
            String probe = liveness.stream().max(Comparator.comparing(Events::time))
                    .map(e -> "; " + e.getMessage()).orElse("");
            int restarts = PodStates.restarts(pod);
            if (restarts > 0) {
                return Optional.of("your Pods keep restarting: " + name + " restarted " + restarts + " time"
                        + (restarts == 1 ? "" : "s") + " while it was graded (" + lastTermination(pod) + ")" + probe);
            }
            if (!PodStates.isRunningAndReady(pod)) {
                return Optional.of(name + " was no longer Running and Ready at the end of the grading: "
                        + PodStates.summary(pod));
            }
            int failures = liveness.stream().mapToInt(Events::count).sum();
            if (failures >= 2) {
                return Optional.of("your Pods will keep restarting: " + name + "'s liveness probe failed " + failures
                        + " times" + probe);
            }
        }
        return Optional.empty();
    }

    /**
     * When every liveness probe has had its say twice: each container's start, its initial delay and
     * two periods (a probe that always fails has failed twice by then), and five seconds for the
     * kubelet's events to arrive (it sends them at its own pace: with many Pods starting at once, the
     * first failure's event came after one period and the answer passed). Containers without one
     * need no hold.
     */
    static Instant holdUntil(PodsSnapshot snapshot) {
        Instant until = snapshot.at();
        for (V1Pod pod : snapshot.pods().values()) {
            if (pod == null || problem(snapshot).isPresent()) {
                return until; // nothing to wait for: it is unstable already
            }
            for (V1Container container : pod.getSpec().getContainers()) {
                V1Probe probe = container.getLivenessProbe();
                Instant started = started(pod, container.getName());
                if (probe == null || started == null) {
                    continue;
                }
                int period = Objects.requireNonNullElse(probe.getPeriodSeconds(), DEFAULT_PERIOD);
                int delay = Objects.requireNonNullElse(probe.getInitialDelaySeconds(), 0);
                Instant said = started.plusSeconds(delay + (long) period * 2 + EVENTS_ARRIVE);
                until = said.isAfter(until) ? said : until;
            }
        }
        return until;
    }

    /**
     * The hold, cut at {@code bound}: a gentle probe (a long initial delay, a long period) is watched
     * for as long as the grader waits for any answer, not longer. Empty when the hold ends by then;
     * else what was not seen, for the grade to say (a probe that has not had its say twice is no
     * instability: only restarts and failed probes seen cost points).
     */
    static Optional<String> cutShort(PodsSnapshot snapshot, Instant bound) {
        Instant needed = holdUntil(snapshot);
        if (!needed.isAfter(bound)) {
            return Optional.empty();
        }
        return snapshot.pods().values().stream().filter(Objects::nonNull)
                .flatMap(pod -> pod.getSpec().getContainers().stream())
                .filter(c -> c.getLivenessProbe() != null).findFirst()
                .map(c -> "the liveness probe of container " + c.getName() + " (initial delay "
                        + Objects.requireNonNullElse(c.getLivenessProbe().getInitialDelaySeconds(), 0) + " s, every "
                        + Objects.requireNonNullElse(c.getLivenessProbe().getPeriodSeconds(), DEFAULT_PERIOD) + " s)"
                        + " needs until " + needed.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " to have run"
                        + " twice, past the grader's bound: the Pods were watched until "
                        + bound.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", and no restart or failed probe"
                        + " was seen by then");
    }

    private static List<CoreV1Event> livenessFailures(PodsSnapshot snapshot, V1Pod pod) {
        return snapshot.events().stream()
                .filter(e -> pod.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
                .filter(e -> "Unhealthy".equals(e.getReason())
                        && String.valueOf(e.getMessage()).startsWith("Liveness probe failed"))
                .toList();
    }

    private static Instant started(V1Pod pod, String container) {
        return PodStates.allStatuses(pod).stream()
                .filter(s -> container.equals(s.getName()) && s.getState() != null && s.getState().getRunning() != null
                        && s.getState().getRunning().getStartedAt() != null)
                .map(s -> s.getState().getRunning().getStartedAt().toInstant())
                .findFirst().orElse(null);
    }

    private static String lastTermination(V1Pod pod) {
        return PodStates.allStatuses(pod).stream()
                .filter(s -> s.getLastState() != null && s.getLastState().getTerminated() != null)
                .map(s -> s.getName() + ": last " + PodStates.state(new V1ContainerStatus().state(s.getLastState())))
                .findFirst().orElse("no termination recorded");
    }
}

package co.courselabs.statefulsets.k8s;

import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStateWaiting;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads a Pod's status the way a person reads {@code kubectl get po} and {@code kubectl describe}. */
public final class PodStates {

    /** Waiting reasons a Pod does not recover from without a change to its spec or image. */
    private static final Set<String> HOPELESS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError",
            "RunContainerError");
    /**
     * Warning events that mean the same when they name something missing (a ConfigMap, Secret or
     * PVC that is not there); other mount warnings ("failed to sync configmap cache") pass by.
     */
    private static final Set<String> PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff");
    private static final Set<String> MOUNT_EVENTS = Set.of("FailedMount", "FailedAttachVolume");

    private PodStates() {
    }

    public static boolean isReady(V1Pod pod) {
        return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public static boolean isRunning(V1Pod pod) {
        return pod != null && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
    }

    /** What the lab means by a Pod that is up ({@code kubectl get pods}: Running, 1/1). */
    public static boolean isRunningAndReady(V1Pod pod) {
        return isRunning(pod) && isReady(pod);
    }

    public static String uid(V1Pod pod) {
        return pod.getMetadata().getUid();
    }

    /**
     * Why this Pod will never become Ready, or empty while it still might: an image that cannot be
     * pulled, a container that keeps crashing, a volume that cannot be mounted, a failed Pod.
     */
    public static Optional<String> hopeless(V1Pod pod, List<CoreV1Event> events) {
        if (pod == null || pod.getStatus() == null) {
            return Optional.empty();
        }
        String name = pod.getMetadata().getName();
        if ("Failed".equals(pod.getStatus().getPhase())) {
            return Optional.of("Pod " + name + " failed: " + summary(pod));
        }
        for (V1ContainerStatus status : allStatuses(pod)) {
            V1ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
            // the kubelet retries a config error that is only its secret/configmap cache not being synced yet
            boolean passing = waiting != null && waiting.getMessage() != null
                    && waiting.getMessage().contains("failed to sync");
            if (waiting != null && PULL_FAILURES.contains(waiting.getReason())
                    && refusal(pod, status, events).isPresent()) {
                continue; // the kubelet pulls again: a registry that refused may answer next time
            }
            if (waiting != null && HOPELESS.contains(waiting.getReason()) && !passing) {
                String cause = waiting.getReason() + " " + image(pod, status);
                String detail = waiting.getMessage() == null ? "" : " (" + waiting.getMessage() + ")";
                if ("CrashLoopBackOff".equals(waiting.getReason()) && status.getLastState() != null
                        && status.getLastState().getTerminated() != null) {
                    detail = " (" + terminated(status.getLastState().getTerminated()) + ")";
                }
                return Optional.of("Pod " + name + " cannot start: container " + status.getName() + ": " + cause + detail);
            }
        }
        return events.stream()
                .filter(e -> "Warning".equals(e.getType()) && MOUNT_EVENTS.contains(e.getReason())
                        && String.valueOf(e.getMessage()).contains("not found"))
                .map(e -> "Pod " + name + " cannot start: " + e.getReason() + ": " + e.getMessage())
                .findFirst();
    }

    /**
     * The registry's refusal of this Pod's image, when that is why it cannot start (a rate limit, a
     * network that failed): {@code nginx:1.18-alpine: the registry's pull rate limit (...)}.
     */
    public static Optional<String> refusedPull(V1Pod pod, List<CoreV1Event> events) {
        if (pod == null) {
            return Optional.empty();
        }
        return allStatuses(pod).stream()
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null
                        && PULL_FAILURES.contains(s.getState().getWaiting().getReason()))
                .map(s -> refusal(pod, s, events).map(error -> image(pod, s) + ": "
                        + Objects.requireNonNullElse(RegistryErrors.gist(error), "the pull failed") + " (" + error + ")"))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The container's last pull error, if the registry refused or failed rather than the image not existing. */
    private static Optional<String> refusal(V1Pod pod, V1ContainerStatus status, List<CoreV1Event> events) {
        V1ContainerStateWaiting waiting = status.getState().getWaiting();
        // ImagePullBackOff only says "Back-off pulling image"; the pull's own error is in its event
        String error = "ErrImagePull".equals(waiting.getReason()) && waiting.getMessage() != null ? waiting.getMessage()
                : events.stream()
                        .filter(e -> "Failed".equals(e.getReason())
                                && String.valueOf(e.getMessage()).startsWith("Failed to pull image"))
                        .max(java.util.Comparator.comparing(Events::time))
                        .map(CoreV1Event::getMessage)
                        .orElse(null);
        return error != null && RegistryErrors.isRefusal(error, image(pod, status)) ? Optional.of(error) : Optional.empty();
    }

    /** One line: phase, then each container's state, like the STATUS column but with the reasons. */
    public static String summary(V1Pod pod) {
        if (pod == null) {
            return "no such Pod";
        }
        List<String> parts = new ArrayList<>();
        parts.add(pod.getStatus() == null ? "no status" : pod.getStatus().getPhase());
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            parts.add("terminating");
        }
        for (V1ContainerStatus status : allStatuses(pod)) {
            parts.add(status.getName() + ": " + state(status)
                    + (status.getRestartCount() != null && status.getRestartCount() > 0
                            ? " (" + status.getRestartCount() + " restarts)" : ""));
        }
        return String.join("; ", parts);
    }

    public static String state(V1ContainerStatus status) {
        if (status.getState() == null) {
            return "unknown";
        }
        if (status.getState().getWaiting() != null) {
            V1ContainerStateWaiting waiting = status.getState().getWaiting();
            return "waiting " + waiting.getReason() + (waiting.getMessage() == null ? "" : " - " + waiting.getMessage());
        }
        if (status.getState().getTerminated() != null) {
            return terminated(status.getState().getTerminated());
        }
        return Boolean.TRUE.equals(status.getReady()) ? "running, ready" : "running";
    }

    private static String terminated(V1ContainerStateTerminated terminated) {
        return "terminated " + terminated.getReason() + " (exit code " + terminated.getExitCode() + ")"
                + (terminated.getMessage() == null ? "" : " - " + terminated.getMessage().strip());
    }

    public static List<V1ContainerStatus> allStatuses(V1Pod pod) {
        if (pod.getStatus() == null) {
            return List.of();
        }
        return Stream.concat(
                        Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).stream().flatMap(List::stream),
                        Optional.ofNullable(pod.getStatus().getContainerStatuses()).stream().flatMap(List::stream))
                .toList();
    }

    /** The image as the spec names it (what the student wrote), falling back to the status. */
    private static String image(V1Pod pod, V1ContainerStatus status) {
        return Stream.concat(
                        Optional.ofNullable(pod.getSpec().getInitContainers()).stream().flatMap(List::stream),
                        pod.getSpec().getContainers().stream())
                .filter(c -> Objects.equals(c.getName(), status.getName()))
                .map(V1Container::getImage)
                .findFirst()
                .orElse(status.getImage());
    }

    /** Restarts over all containers, to notice a container that died while we were watching. */
    public static int restarts(V1Pod pod) {
        return allStatuses(pod).stream().map(V1ContainerStatus::getRestartCount).filter(Objects::nonNull)
                .mapToInt(Integer::intValue).sum();
    }
}

package co.courselabs.statefulsets.diag;

import co.courselabs.statefulsets.k8s.Applier;
import co.courselabs.statefulsets.k8s.ClusterObjects;
import co.courselabs.statefulsets.k8s.Events;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.PodStates;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.spec.ObjectRef;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to look at when something failed, collected from the cluster like a person would with
 * {@code kubectl get/describe/logs}: written to a folder, with the few lines that explain the
 * failure returned for the failure message.
 */
public final class Diagnostics {

    private static final int LOG_TAIL = 200;
    private static final int SUMMARY_EVENTS = 4;
    /** Warnings that happen on healthy clusters (optimistic-concurrency retries) and explain nothing. */
    private static final java.util.Set<String> NOISE = java.util.Set.of("FailedToUpdateEndpoint",
            "FailedToUpdateEndpointSlices");

    private final Kube kube;

    public Diagnostics(Kube kube) {
        this.kube = kube;
    }

    /** Collects into {@code dir}; returns the lines that explain the failure (empty when all looks well). */
    public List<String> collect(Path dir) {
        try {
            Files.createDirectories(dir.resolve("logs"));
            List<V1Pod> pods = labPods();
            List<CoreV1Event> events = events(pods);
            List<String> summary = summary(pods, events);
            Files.writeString(dir.resolve("summary.txt"), String.join("\n", summary) + "\n");
            Files.writeString(dir.resolve("pods.txt"), pods.stream().map(Diagnostics::describe)
                    .collect(Collectors.joining("\n\n")) + "\n");
            Files.writeString(dir.resolve("events.txt"), events.stream().map(Events::line)
                    .collect(Collectors.joining("\n")) + "\n");
            Files.writeString(dir.resolve("objects.txt"), objects());
            for (V1Pod pod : pods) {
                writeLogs(dir.resolve("logs"), pod);
            }
            writeClusterLevel(dir);
            return summary;
        } catch (IOException | RuntimeException e) {
            return List.of("(diagnostics could not be collected: " + e.getMessage() + ")");
        }
    }

    /**
     * What the cluster itself says: its own log when the suite runs it (k3s in Docker), and the
     * warnings of its system Pods (DNS, storage, the service load balancer), which the lab's own
     * events never show.
     */
    private void writeClusterLevel(Path dir) throws IOException {
        var log = kube.cluster().ownLog(LOG_TAIL);
        if (log.isPresent()) {
            Files.writeString(dir.resolve("k3s-log.txt"), log.get() + "\n");
        }
        String warnings;
        try {
            warnings = Events.in(kube.core(), "kube-system").warnings().stream().map(Events::line)
                    .collect(Collectors.joining("\n"));
        } catch (ApiException e) {
            warnings = "(not readable: " + e.getCode() + " " + e.getMessage() + ")";
        }
        Files.writeString(dir.resolve("kube-system-warnings.txt"), warnings + "\n");
    }

    /** Pods of the workloads the run applied, and Pods it applied itself. */
    private List<V1Pod> labPods() {
        Map<String, V1Pod> pods = new LinkedHashMap<>();
        for (ObjectRef ref : kube.created().all()) {
            String kind = ref.kind().kind();
            if (kind.equals("Pod")) {
                V1Pod pod = kube.pods().get(ref.name());
                if (pod != null) {
                    pods.put(ref.name(), pod);
                }
            } else if (kind.equals("StatefulSet") || kind.equals("Deployment")) {
                String selector = ClusterObjects.podSelector(kube.objects().get(ref));
                if (selector != null) {
                    kube.pods().list(selector).forEach(p -> pods.put(p.getMetadata().getName(), p));
                }
            }
        }
        return new ArrayList<>(pods.values());
    }

    /** Events about the lab's objects and Pods, oldest first. */
    private List<CoreV1Event> events(List<V1Pod> pods) {
        Set<String> names = pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        Set<String> podUids = pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
        kube.created().all().forEach(r -> names.add(r.name()));
        try {
            // objects of earlier runs had the same names: only this run's events count
            java.time.OffsetDateTime since = Progress.runStart().minusSeconds(5).atOffset(java.time.ZoneOffset.UTC);
            return kube.events().all().stream()
                    .filter(e -> names.contains(e.getInvolvedObject().getName())
                            || isClaimOf(e.getInvolvedObject().getName(), names))
                    .filter(e -> !Events.time(e).isBefore(since))
                    // a Pod's events are about this Pod, not an earlier one of the same name
                    .filter(e -> !"Pod".equals(e.getInvolvedObject().getKind())
                            || podUids.contains(e.getInvolvedObject().getUid()))
                    .sorted(Comparator.comparing(Events::time))
                    .toList();
        } catch (ApiException e) {
            return List.of();
        }
    }

    private static boolean isClaimOf(String name, Set<String> names) {
        return names.stream().anyMatch(n -> name.endsWith("-" + n));
    }

    /** The lines a person needs first: why Pods cannot start, which are not Ready, recent warnings. */
    static List<String> summary(List<V1Pod> pods, List<CoreV1Event> events) {
        List<String> lines = new ArrayList<>();
        for (V1Pod pod : pods) {
            List<CoreV1Event> own = events.stream()
                    .filter(e -> Objects.equals(e.getInvolvedObject().getUid(), pod.getMetadata().getUid()))
                    .toList();
            PodStates.hopeless(pod, own).ifPresentOrElse(lines::add, () -> {
                if (!PodStates.isReady(pod)) {
                    lines.add("Pod " + pod.getMetadata().getName() + " is not Ready: " + PodStates.summary(pod));
                }
            });
        }
        // warnings about Pods that are Ready now, or scheduling warnings about Pods that are scheduled
        // now (a PVC still binding), are history; the rest may explain the failure
        Set<String> readyPods = pods.stream().filter(PodStates::isReady).map(p -> p.getMetadata().getUid())
                .collect(Collectors.toSet());
        Set<String> scheduledPods = pods.stream().filter(p -> p.getSpec().getNodeName() != null)
                .map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
        List<CoreV1Event> warnings = events.stream()
                .filter(e -> "Warning".equals(e.getType()) && !NOISE.contains(e.getReason()))
                .filter(e -> !readyPods.contains(e.getInvolvedObject().getUid()))
                .filter(e -> !("FailedScheduling".equals(e.getReason())
                        && scheduledPods.contains(e.getInvolvedObject().getUid())))
                .toList();
        warnings.subList(Math.max(0, warnings.size() - SUMMARY_EVENTS), warnings.size())
                .forEach(e -> lines.add("event: " + Events.line(e)));
        return lines;
    }

    static String describe(V1Pod pod) {
        StringBuilder text = new StringBuilder("Pod ").append(pod.getMetadata().getName())
                .append(" (uid ").append(pod.getMetadata().getUid()).append(")\n  status: ")
                .append(PodStates.summary(pod));
        if (pod.getStatus() != null) {
            text.append("\n  node: ").append(pod.getSpec().getNodeName()).append(", IP: ").append(pod.getStatus().getPodIP());
            if (pod.getStatus().getConditions() != null) {
                pod.getStatus().getConditions().forEach(c -> text.append("\n  condition ").append(c.getType())
                        .append('=').append(c.getStatus())
                        .append(c.getReason() == null ? "" : " (" + c.getReason() + ": " + c.getMessage() + ")"));
            }
        }
        return text.toString();
    }

    private void writeLogs(Path dir, V1Pod pod) throws IOException {
        String name = pod.getMetadata().getName();
        for (V1ContainerStatus status : PodStates.allStatuses(pod)) {
            String container = status.getName();
            if (status.getState() != null && status.getState().getWaiting() != null
                    && (status.getLastState() == null || status.getLastState().getTerminated() == null)) {
                continue; // never ran: no log to read
            }
            Files.writeString(dir.resolve(name + "." + container + ".log"), tail(safeLogs(name, container)));
            if (status.getRestartCount() != null && status.getRestartCount() > 0) {
                String previous = kube.pods().previousLogs(name, container);
                if (previous != null) {
                    Files.writeString(dir.resolve(name + "." + container + ".previous.log"), tail(previous));
                }
            }
        }
    }

    private String safeLogs(String pod, String container) {
        try {
            return kube.pods().logs(pod, container);
        } catch (RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String tail(String log) {
        String[] lines = log == null ? new String[0] : log.split("\n");
        int from = Math.max(0, lines.length - LOG_TAIL);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length)) + "\n";
    }

    /** StatefulSets, PVCs, Services and Endpoints, one short paragraph each. */
    private String objects() {
        StringBuilder text = new StringBuilder();
        try {
            for (V1StatefulSet set : kube.statefulSets()) {
                if (!Applier.isMarked(set.getMetadata().getAnnotations())) {
                    continue;
                }
                var spec = set.getSpec();
                var status = set.getStatus();
                text.append("StatefulSet ").append(set.getMetadata().getName())
                        .append(": replicas ").append(spec.getReplicas())
                        .append(", ready ").append(status == null ? null : status.getReadyReplicas())
                        .append(", podManagementPolicy ").append(spec.getPodManagementPolicy())
                        .append(", serviceName ").append(spec.getServiceName())
                        .append(", revisions current ").append(status == null ? null : status.getCurrentRevision())
                        .append(" updated ").append(status == null ? null : status.getUpdateRevision()).append('\n');
            }
            for (V1PersistentVolumeClaim claim : kube.claims()) {
                if (Applier.isMarked(claim.getMetadata().getAnnotations())) {
                    text.append("PVC ").append(claim.getMetadata().getName()).append(": ")
                            .append(claim.getStatus() == null ? null : claim.getStatus().getPhase())
                            .append(", volume ").append(claim.getSpec().getVolumeName())
                            .append(", uid ").append(claim.getMetadata().getUid()).append('\n');
                }
            }
            for (V1Service service : kube.services()) {
                if (Applier.isMarked(service.getMetadata().getAnnotations())) {
                    String name = service.getMetadata().getName();
                    text.append("Service ").append(name).append(": ").append(service.getSpec().getType())
                            .append(", clusterIP ").append(service.getSpec().getClusterIP())
                            .append(", selector ").append(service.getSpec().getSelector())
                            .append(", endpoints ").append(kube.readyEndpointIps(name)).append('\n');
                }
            }
        } catch (ApiException e) {
            text.append("(cannot list objects: ").append(e.getMessage()).append(")\n");
        }
        return text.toString();
    }
}

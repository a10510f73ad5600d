package co.courselabs.statefulsets.grade;

import co.courselabs.statefulsets.k8s.ResourceKind;
import co.courselabs.statefulsets.k8s.SpecDocument;
import co.courselabs.statefulsets.k8s.SpecDocument.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, before anything reaches the cluster, whether a student's folder may be applied: only
 * the namespaced kinds the exercise needs, in the lab's namespace, with no privileged containers
 * and no access to the node (hostPath, hostNetwork, hostPID, hostIPC, hostPort).
 */
public final class SafetyGate {

    public static final Set<String> ALLOWED_KINDS = Set.of("ConfigMap", "Secret", "Service", "StatefulSet",
            "Deployment", "PersistentVolumeClaim", "Pod", "ServiceAccount");
    private static final Set<String> PRIVILEGED_CAPABILITIES = Set.of("ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE");
    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");

    private SafetyGate() {
    }

    /** The reasons to refuse the folder; empty when it may be applied. */
    public static List<Finding> check(List<SpecDocument> documents, String namespace) {
        List<Finding> refusals = new ArrayList<>();
        for (SpecDocument document : documents) {
            String kind = document.kind();
            boolean clusterScoped = ResourceKind.knownByKind(kind).map(k -> !k.namespaced()).orElse(false);
            if (clusterScoped) {
                refusals.add(Finding.at(document, kind + " " + document.name() + " is cluster-scoped: the exercise only"
                        + " needs objects in the lab's namespace", "kind"));
                continue;
            }
            if (!ALLOWED_KINDS.contains(kind)) {
                refusals.add(Finding.at(document, "kind " + kind + " is not part of this exercise, so the grader does"
                        + " not apply it (it applies " + String.join(", ", ALLOWED_KINDS.stream().sorted().toList())
                        + ")", "kind"));
                continue;
            }
            String ns = document.namespace();
            if (ns != null && !ns.equals(namespace)) {
                refusals.add(Finding.at(document, document.ref() + " is in namespace " + ns + ": the lab runs in "
                        + namespace + " (leave metadata.namespace out)", "metadata", "namespace"));
            }
            podSpecPath(kind).ifPresent(path -> checkPodSpec(document, path, refusals));
        }
        return refusals;
    }

    private static Optional<Object[]> podSpecPath(String kind) {
        return switch (kind) {
            case "Pod" -> Optional.of(new Object[] {"spec"});
            case "StatefulSet", "Deployment" -> Optional.of(new Object[] {"spec", "template", "spec"});
            default -> Optional.empty();
        };
    }

    private static void checkPodSpec(SpecDocument document, Object[] spec, List<Finding> refusals) {
        Map<String, Object> podSpec = Values.map(document.content(), spec);
        for (String hostAccess : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (isTrue(podSpec.get(hostAccess))) {
                refusals.add(Finding.at(document, document.ref() + " sets " + hostAccess + ": true, which gives its"
                        + " Pods the node's " + hostAccess.substring(4) + "; the exercise needs no access to the node",
                        append(spec, hostAccess)));
            }
        }
        List<Object> volumes = Values.list(podSpec, "volumes");
        for (int i = 0; i < volumes.size(); i++) {
            if (Values.at(volumes.get(i), "hostPath") != null) {
                refusals.add(Finding.at(document, document.ref() + " mounts a hostPath volume ("
                        + Values.at(volumes.get(i), "name") + "): a directory of the node, not allowed here; the cache"
                        + " belongs in a PVC from volumeClaimTemplates", append(spec, "volumes", i, "hostPath")));
            }
        }
        for (String list : CONTAINER_LISTS) {
            List<Object> containers = Values.list(podSpec, list);
            for (int i = 0; i < containers.size(); i++) {
                checkContainer(document, containers.get(i), append(spec, list, i), refusals);
            }
        }
    }

    private static void checkContainer(SpecDocument document, Object container, Object[] at, List<Finding> refusals) {
        String name = String.valueOf(Values.at(container, "name"));
        if (isTrue(Values.at(container, "securityContext", "privileged"))) {
            refusals.add(Finding.at(document, "container " + name + " of " + document.ref() + " is privileged"
                    + " (securityContext.privileged: true): not allowed", append(at, "securityContext", "privileged")));
        }
        for (Object capability : Values.list(container, "securityContext", "capabilities", "add")) {
            if (PRIVILEGED_CAPABILITIES.contains(String.valueOf(capability).toUpperCase())) {
                refusals.add(Finding.at(document, "container " + name + " of " + document.ref() + " adds capability "
                        + capability + ": not allowed", append(at, "securityContext", "capabilities", "add")));
            }
        }
        List<Object> ports = Values.list(container, "ports");
        for (int p = 0; p < ports.size(); p++) {
            if (Values.at(ports.get(p), "hostPort") != null) {
                refusals.add(Finding.at(document, "container " + name + " of " + document.ref() + " uses hostPort "
                        + Values.at(ports.get(p), "hostPort") + " (a port of the node): use a Service instead",
                        append(at, "ports", p, "hostPort")));
            }
        }
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    private static Object[] append(Object[] path, Object... more) {
        Object[] all = Arrays.copyOf(path, path.length + more.length);
        System.arraycopy(more, 0, all, path.length, more.length);
        return all;
    }
}

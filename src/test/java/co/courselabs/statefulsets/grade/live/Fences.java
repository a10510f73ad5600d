package co.courselabs.statefulsets.grade.live;

import co.courselabs.statefulsets.grade.answer.ExerciseObjects;
import co.courselabs.statefulsets.grade.answer.PodSecurity;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.NodeRoom;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.progress.Waits;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecDocument.Values;
import co.courselabs.statefulsets.spec.SpecReader;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1ResourceQuota;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fence around an answer's namespace ({@code src/test/resources/grading/fence.yaml}: a quota, a
 * limit range, a network policy; and Pod Security Admission's labels on the namespace), and which of
 * it this cluster enforces, found out by asking it: the quota's status, a privileged Pod tried in a
 * dry run, and once per run a Pod that tries to reach past the namespace. Where the cluster lacks a
 * fence, the safety gate stands alone, and the grade says so.
 */
record Fences(boolean quota, boolean podSecurity, Boolean networkPolicy, Integer podPids) {

    /** The LimitRange's defaults reach a new Pod (the admission's cache has it) within seconds. */
    private static final Duration EFFECTIVE = Duration.ofSeconds(20);

    static final Path FENCE = LabSpecs.BASE.resolve("src/test/resources/grading/fence.yaml");
    /** The fence's objects, read once for the run. */
    private static final List<SpecDocument> FENCE_OBJECTS = SpecReader.read(FENCE);
    /** Pod Security Admission's labels (Kubernetes 1.23 and later read them): the baseline standard. */
    static final Map<String, String> POD_SECURITY = Map.of("pod-security.kubernetes.io/enforce", "baseline",
            "pod-security.kubernetes.io/enforce-version", "latest", "pod-security.kubernetes.io/warn", "baseline");
    /** The fence's objects' name (its ResourceQuota, LimitRange and NetworkPolicy). */
    static final String NAME = "grading-fence";
    /** Said after the cluster's words when the fence's quota refused something of the answer's. */
    private static final String OVER_QUOTA = " (the quota around a graded answer, which the grader's own Pod and"
            + " Services share: the exercise needs a fraction of it, so ask for less)";
    private static final Duration QUOTA_COUNTED = Duration.ofSeconds(10);
    private static final Duration PROBE = Duration.ofSeconds(90);
    private static final String PROBE_IMAGE = "kiamol/ch03-sleep";

    /** The namespace's own account, without an API token: applied first, as no Pod is admitted before it exists. */
    static void account(Kube kube) {
        kube.applier().apply(FENCE_OBJECTS.stream().filter(Fences::isAccount).toList());
    }

    /**
     * Applies the rest of the fence into {@code kube}'s namespace (its {@link #account} is there
     * already), and waits until it holds for the next Pod: a Pod asked for in a dry run gets the
     * LimitRange's defaults (without them the quota would refuse it). Then finds out whether the quota
     * is enforced here, and (once per run: the cluster's admission is the same for every namespace)
     * Pod Security Admission and the kubelets' process limit.
     */
    static Fences raise(Lab lab, Kube kube) {
        kube.applier().apply(FENCE_OBJECTS.stream().filter(d -> !isAccount(d)).toList());
        Waits.until("the fence of namespace " + kube.namespace() + " effective", EFFECTIVE,
                () -> "a new Pod gets no default requests yet", () -> defaultsApplied(kube));
        boolean podSecurity = lab.fact("Pod Security Admission enforced", () -> podSecurityEnforced(kube));
        Integer podPids = lab.fact("processes per Pod", () -> NodeRoom.podPidsLimit(kube.client()));
        return new Fences(quotaCounted(kube), podSecurity, null, podPids);
    }

    /**
     * The answer's objects as they are applied: every container of its Pod templates without NET_RAW,
     * which a container keeps by default and which lets it write raw frames onto the node's network,
     * where other answers' Pods are (the gate refuses adding it back; a proxy never needs it).
     */
    static List<SpecDocument> withoutRawSockets(List<SpecDocument> documents) {
        return documents.stream().map(d -> !ExerciseObjects.WORKLOAD_KINDS.contains(d.kind()) ? d : d.changed(content -> {
            Object[] spec = d.kind().equals("Pod") ? new Object[] {"spec"} : new Object[] {"spec", "template", "spec"};
            for (String list : List.of("initContainers", "containers")) {
                for (Object container : Values.list(content, PodSecurity.append(spec, list))) {
                    if (container instanceof Map<?, ?>) {
                        dropRawSockets(Values.map(container));
                    }
                }
            }
        })).toList();
    }

    @SuppressWarnings("unchecked")
    private static void dropRawSockets(Map<String, Object> container) {
        // a field of another shape is left as written: the API refuses it, with its own words
        if (!(container.computeIfAbsent("securityContext", k -> new java.util.LinkedHashMap<String, Object>())
                instanceof Map<?, ?> context) || !(((Map<String, Object>) context).computeIfAbsent("capabilities",
                        k -> new java.util.LinkedHashMap<String, Object>()) instanceof Map<?, ?> capabilities)
                || capabilities.get("drop") != null && !(capabilities.get("drop") instanceof List<?>)) {
            return;
        }
        List<Object> drop = new ArrayList<>(Values.list(capabilities, "drop"));
        if (drop.stream().noneMatch(c -> "ALL".equalsIgnoreCase(String.valueOf(c))
                || "NET_RAW".equalsIgnoreCase(String.valueOf(c).replaceFirst("(?i)^CAP_", "")))) {
            drop.add("NET_RAW");
        }
        ((Map<String, Object>) capabilities).put("drop", drop);
    }

    private static boolean isAccount(SpecDocument document) {
        return document.kind().equals("ServiceAccount");
    }

    /** The cluster's words, and when they say the fence's quota refused something, what that quota is. */
    static String explained(String clusterMessage) {
        return clusterMessage != null && clusterMessage.contains("exceeded quota: " + NAME)
                ? clusterMessage + OVER_QUOTA : clusterMessage;
    }

    /** As these fences, with whether network policies are enforced (probed once per run, from {@code kube}). */
    Fences probed(Lab lab, Kube kube, String siteIp) {
        return new Fences(quota, podSecurity, lab.fact("network policies enforced",
                () -> networkPolicyEnforced(kube, siteIp)), podPids);
    }

    private static boolean defaultsApplied(Kube kube) {
        V1Pod plain = pod("fence-check-defaults", new V1Container().name("c").image(PROBE_IMAGE));
        try {
            V1Pod admitted = kube.pods().dryRun(plain);
            var resources = admitted.getSpec().getContainers().get(0).getResources();
            return resources != null && resources.getRequests() != null && !resources.getRequests().isEmpty();
        } catch (ApiException e) {
            return false; // the quota refused it: no defaults yet
        }
    }

    /** What the grade report says of the fence, a line per part. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("ResourceQuota and LimitRange (Pods, CPU, memory, PVCs, storage, the node's disk outside volumes,"
                + " Services, no node port or load balancer of the answer's): " + (quota ? "enforced"
                : "not counted by this cluster"));
        lines.add("Processes per Pod: " + (podPids == null ? "not known (the kubelet's configuration could not be read)"
                : podPids > 0 ? "at most " + podPids + " (the kubelet's podPidsLimit)"
                : "no limit set by the kubelet (podPidsLimit): a node short of processes makes every grade of the"
                + " moment an error, never a fail"));
        lines.add("The namespace's account mounts no API token; the answer's containers run without NET_RAW");
        lines.add("Pod Security Admission, baseline: " + (podSecurity ? "enforced"
                : "not on this cluster (Kubernetes 1.23 and later have it): the safety gate is the fence"));
        lines.add("NetworkPolicy, the namespace and cluster DNS only: " + (networkPolicy == null ? "not known (the"
                + " probe could not run)" : networkPolicy ? "enforced" : "not enforced (no policy controller runs):"
                + " the safety gate is the fence"));
        return lines;
    }

    /**
     * A Pod of one container. client-java's model sends an empty {@code overhead} unless told not to,
     * which the API refuses without a RuntimeClass that sets one.
     */
    private static V1Pod pod(String name, V1Container container) {
        V1PodSpec spec = new V1PodSpec().addContainersItem(container.imagePullPolicy("IfNotPresent"));
        spec.setOverhead(null);
        return new V1Pod().metadata(new V1ObjectMeta().name(name)).spec(spec);
    }

    /** The quota controller has counted the namespace: the API server then refuses what exceeds it. */
    private static boolean quotaCounted(Kube kube) {
        return Waits.within("the quota of namespace " + kube.namespace() + " counted", QUOTA_COUNTED, () -> {
            V1ResourceQuota quota = kube.quota(NAME);
            return quota != null && quota.getStatus() != null && quota.getStatus().getHard() != null;
        });
    }

    /** A privileged Pod, asked for in a dry run, is refused by Pod Security Admission where it runs. */
    private static boolean podSecurityEnforced(Kube kube) {
        V1Pod privileged = pod("fence-check-privileged", new V1Container().name("c").image(PROBE_IMAGE)
                .securityContext(new V1SecurityContext().privileged(true)));
        try {
            kube.pods().dryRun(privileged);
            return false;
        } catch (ApiException e) {
            return e.getResponseBody() != null && e.getResponseBody().contains("PodSecurity");
        }
    }

    /**
     * A Pod in the fenced namespace reaches the site in it, and the API server outside it: when the
     * first works and the second does not, a controller enforces the policy. Null when it cannot tell.
     */
    private static Boolean networkPolicyEnforced(Kube kube, String siteIp) {
        String name = "fence-check-network";
        V1Pod probe = pod(name, new V1Container().name("check").image(PROBE_IMAGE).command(List.of("sh", "-c",
                "nc -w 3 " + siteIp + " 80 </dev/null >/dev/null 2>&1 && echo inside=reached || echo inside=blocked;"
                        + " nc -w 3 $KUBERNETES_SERVICE_HOST $KUBERNETES_SERVICE_PORT </dev/null >/dev/null 2>&1"
                        + " && echo outside=reached || echo outside=blocked")));
        probe.getSpec().restartPolicy("Never");
        try {
            kube.pods().create(probe);
            boolean ended = Waits.within("the network policy probe " + name + " done", PROBE, () -> {
                V1Pod pod = kube.pods().get(name);
                String phase = pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
                return "Succeeded".equals(phase) || "Failed".equals(phase);
            });
            String log = ended ? kube.pods().logs(name, "check") : "";
            if (!log.contains("inside=reached")) {
                return null;
            }
            return log.contains("outside=blocked");
        } catch (ApiException e) {
            return null;
        } finally {
            kube.deleter().killPod(name);
        }
    }
}

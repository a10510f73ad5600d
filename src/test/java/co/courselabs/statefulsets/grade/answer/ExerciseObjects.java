package co.courselabs.statefulsets.grade.answer;

import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.spec.ResourceKind;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecDocument.Values;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer is the exercise's objects and nothing else. The exercise turns one workload, the proxy,
 * into StatefulSet {@value Exercise#PROXY}, with its Services, ConfigMaps, Secrets and claims; the
 * course's answer holds a StatefulSet and a Service. So the only workload an answer may hold is that
 * StatefulSet (or, not yet converted, the lab's Deployment {@value Exercise#PROXY}), whose Pods run
 * the proxy alone. Anything else would run a stranger's program beside other answers on one node, or
 * answer for the proxy behind the grader's Services; it is refused before the cluster.
 */
public final class ExerciseObjects {

    /** The kinds the gate applies at all (by API group and kind); which objects of them, is checked here. */
    public static final Set<ResourceKind> ALLOWED_KINDS = Set.of(ResourceKind.CONFIG_MAP, ResourceKind.SECRET,
            ResourceKind.SERVICE, ResourceKind.STATEFUL_SET, ResourceKind.DEPLOYMENT, ResourceKind.PVC, ResourceKind.POD);
    /** Kinds that run Pods: an answer's are the proxy's workload, and no other. */
    public static final Set<String> WORKLOAD_KINDS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "ReplicationController", "Job", "CronJob");
    /** What the cluster makes in every namespace, which an answer's object of the same kind and name would replace. */
    static final Set<String> CLUSTER_MADE = Set.of("ConfigMap/kube-root-ca.crt", "ConfigMap/openshift-service-ca.crt",
            "ConfigMap/istio-ca-root-cert");
    private static final Object[] POD_TEMPLATE = {"spec", "template"};

    private ExerciseObjects() {
    }

    /** Adds a refusal for each object or container of {@code documents} that is not the exercise's. */
    static void check(List<SpecDocument> documents, List<Finding> refusals) {
        boolean statefulSet = documents.stream().anyMatch(ExerciseObjects::isProxyStatefulSet);
        for (SpecDocument document : documents) {
            if (CLUSTER_MADE.contains(document.ref())) {
                refusals.add(Finding.at(document, document.ref() + " is made by the cluster in every namespace, and the"
                        + " grader's own Pods read it: an answer may not replace it; leave it out", "metadata", "name"));
            }
            if (!WORKLOAD_KINDS.contains(document.kind()) || !ResourceKind.known(document.apiVersion(), document.kind())
                    .filter(ALLOWED_KINDS::contains).isPresent()) {
                continue; // a kind the gate refuses already, with its own reason
            }
            String extra = extraWorkload(document, statefulSet);
            if (extra != null) {
                refusals.add(Finding.at(document, document.ref() + " " + extra, "kind"));
                continue;
            }
            checkContainers(document, refusals);
            checkSelectedByTheSite(document, refusals);
        }
    }

    /** Why {@code workload} is not the exercise's, or null when it is the proxy's workload. */
    private static String extraWorkload(SpecDocument workload, boolean statefulSet) {
        boolean named = Exercise.PROXY.equals(workload.name());
        if (workload.kind().equals("StatefulSet") && named) {
            return null;
        }
        if (workload.kind().equals("Deployment") && named) {
            return statefulSet ? "is still in the folder beside StatefulSet " + Exercise.PROXY + ": its Pods would be"
                    + " selected by Service " + Exercise.PROXY_SERVICE + " and answer for the StatefulSet's. The"
                    + " exercise replaces the Deployment: take its file out of the answer (and kubectl delete deploy "
                    + Exercise.PROXY + ")" : null;
        }
        String what = workload.kind().equals("Pod") ? "is a Pod of its own" : "is a workload of its own";
        return what + ": the exercise's one workload is StatefulSet " + Exercise.PROXY + ", whose Pods run the proxy,"
                + " so it needs none; the grader does not run programs beside it (leave it out)";
    }

    /**
     * The proxy's Pod runs the lab's nginx alone: an init container, a sidecar or an ephemeral
     * container is a program of the answer's own, which the exercise does not need.
     */
    private static void checkContainers(SpecDocument workload, List<Finding> refusals) {
        Object[] spec = {"spec", "template", "spec"};
        for (String list : List.of("initContainers", "ephemeralContainers")) {
            List<Object> containers = Values.list(workload.content(), PodSecurity.append(spec, list));
            for (int i = 0; i < containers.size(); i++) {
                refusals.add(Finding.at(workload, (list.equals("initContainers") ? "init container " : "ephemeral"
                        + " container ") + Values.at(containers.get(i), "name") + " of " + workload.ref() + " runs a"
                        + " program of the answer's beside the proxy: the exercise's Pods run the lab's nginx alone, so"
                        + " they need none", PodSecurity.append(spec, list, i)));
            }
        }
        List<Object> containers = Values.list(workload.content(), PodSecurity.append(spec, "containers"));
        int proxy = LabProxy.proxyIndex(containers);
        for (int i = 0; i < containers.size(); i++) {
            if (i != proxy) {
                refusals.add(Finding.at(workload, "container " + Values.at(containers.get(i), "name") + " of "
                        + workload.ref() + " runs beside the proxy (a sidecar): the exercise's Pods run the lab's nginx"
                        + " alone, so they need no second container", PodSecurity.append(spec, "containers", i)));
            }
        }
    }

    /**
     * The grader's site Service selects the site's Pods: a Pod template labelled to match it would
     * answer for the site the proxy reads. (The proxy's Service selects the StatefulSet's Pods, and
     * no other workload gets this far.)
     */
    private static void checkSelectedByTheSite(SpecDocument workload, List<Finding> refusals) {
        Map<String, Object> labels = Values.map(workload.content(), PodSecurity.append(POD_TEMPLATE, "metadata",
                "labels"));
        StartingPoint.siteSelectors().forEach((service, selector) -> {
            if (StaticGrader.selects(selector, labels)) {
                refusals.add(Finding.at(workload, workload.ref() + "'s Pods are labelled " + selector + ", which the"
                        + " grader's Service " + service + " selects: they would answer for the site the proxy reads;"
                        + " label them as the proxy's (app: " + Exercise.PROXY + ")",
                        PodSecurity.append(POD_TEMPLATE, "metadata", "labels")));
            }
        });
    }

    private static boolean isProxyStatefulSet(SpecDocument document) {
        return StaticGrader.is(document, ResourceKind.STATEFUL_SET) && Exercise.PROXY.equals(document.name());
    }
}

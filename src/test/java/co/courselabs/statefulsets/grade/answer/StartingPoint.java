package co.courselabs.statefulsets.grade.answer;

import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecDocument.Values;
import co.courselabs.statefulsets.spec.SpecReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The exercise's starting point as the grader deploys it into an answer's namespace: the site the
 * proxy reads (simple-statefulset, its scripts and its headless Service) and the proxy's ConfigMap
 * and Service, from the lab's own specs, with what ties them to one place changed:
 * <ul>
 * <li>the lab's hard-coded {@code default} in the DNS names it owns becomes the namespace;</li>
 * <li>the site runs one Pod, not three: any Pod serves the page the proxy caches, and a namespace
 *     per answer would otherwise start three in order before its proxy could; and that Pod, the
 *     primary, skips the init container that waits for a primary (a container's start less);</li>
 * <li>no Service takes a fixed port of the node (30010, 30040 or a load balancer's 8010 and 8040,
 *     one namespace's at a time): the proxy's NodePort gets one the cluster allocates, and the
 *     grader reaches it through the API server;</li>
 * <li>no proxy Deployment: the exercise replaces it, and deleting it is the lab's step, not the
 *     student's grade;</li>
 * <li>its images are pulled when the node lacks them, not at every Pod's start (the lab's
 *     {@code kiamol/ch03-sleep} has no tag, so Kubernetes would pull it each time: one pull per
 *     answer from Docker Hub, and the kubelet pulls one image at a time);</li>
 * <li>the site's containers say what they ask for, within the fence's quota: the site starts while
 *     the fence goes up, and a Pod created between the quota and the limit range's defaults would
 *     otherwise be refused for asking nothing.</li>
 * </ul>
 */
public final class StartingPoint {

    private static final Set<String> TAKEN = Set.of("ConfigMap/simple-statefulset-scripts", "StatefulSet/" + Exercise.SITE,
            "Service/" + Exercise.SITE, "ConfigMap/" + Exercise.PROXY_CONFIG_MAP, "Service/" + Exercise.PROXY_SERVICE);

    /** What each of the site's containers asks for and may use, as the fence's LimitRange would give it. */
    private static final Map<String, Object> SITE_RESOURCES = Map.of(
            "requests", Map.of("cpu", "50m", "memory", "32Mi", "ephemeral-storage", "16Mi"),
            "limits", Map.of("ephemeral-storage", "256Mi"));

    /** The site's objects as the lab's folder holds them (specs/simple), read once. */
    private static final List<SpecDocument> SITE_FOLDER = SpecReader.read(LabSpecs.SIMPLE);

    /** The starting point's objects as the lab's folder holds them, which students copy into answers. */
    private static final List<SpecDocument> LAB_FOLDER = SpecReader.read(LabSpecs.SIMPLE_PROXY);

    private StartingPoint() {
    }

    /** Whether {@code document} is one of the starting point's objects, by its kind and name. */
    static boolean isOneOf(SpecDocument document) {
        return LAB_FOLDER.stream().anyMatch(lab -> lab.ref().equals(document.ref()));
    }

    /**
     * One of the starting point's objects, besides the proxy's workload that the exercise replaces,
     * with its data or spec as the lab's: a copy that changes nothing, as students bring them. The
     * grader has deployed that object already, made fit for the answer's namespace, so a copy is not
     * applied over it: there the lab's fixed node port would clash with another answer's graded at
     * the same time, and its LoadBalancer Service is over the fence.
     */
    public static boolean isUnchangedCopy(SpecDocument document) {
        return !document.name().equals(Exercise.PROXY) && LAB_FOLDER.stream().anyMatch(lab ->
                lab.ref().equals(document.ref()) && Objects.equals(lab.at(payload(lab)), document.at(payload(lab))));
    }

    /** What a copy of a lab object must keep to change nothing: a ConfigMap's or Secret's data, anything else's spec. */
    static String payload(SpecDocument document) {
        return document.kind().equals("ConfigMap") || document.kind().equals("Secret") ? "data" : "spec";
    }

    /** The documents to apply into {@code namespace}, the lab's specs changed as said above. */
    public static List<SpecDocument> forNamespace(String namespace) {
        String lab = ".default.svc.cluster.local";
        String here = "." + namespace + ".svc.cluster.local";
        return Stream.concat(SITE_FOLDER.stream(), LAB_FOLDER.stream())
                .filter(d -> TAKEN.contains(d.ref()))
                .map(d -> d.changed(content -> {
                    content.replaceAll((key, value) -> Values.copy(value, text -> text.replace(lab, here)));
                    if (d.ref().equals("StatefulSet/" + Exercise.SITE)) {
                        Values.map(content, "spec").put("replicas", 1);
                        // its one Pod is the primary: the init container that waits for one has nothing to wait for
                        Values.list(content, "spec", "template", "spec", "initContainers")
                                .removeIf(c -> "wait-service".equals(Values.at(c, "name")));
                        for (String list : List.of("initContainers", "containers")) {
                            Values.list(content, "spec", "template", "spec", list).forEach(container -> {
                                Values.map(container).put("imagePullPolicy", "IfNotPresent");
                                Values.map(container).put("resources", SITE_RESOURCES);
                            });
                        }
                    }
                    if (d.ref().equals("Service/" + Exercise.PROXY_SERVICE)) {
                        Values.list(content, "spec", "ports").forEach(port -> ((Map<?, ?>) port).remove("nodePort"));
                    }
                }))
                .toList();
    }

    /**
     * The selectors of the grader's Services other than the proxy's, by Service: the Pods they select
     * are the site's, which no Pod of an answer may pass for.
     */
    static Map<String, Map<String, Object>> siteSelectors() {
        Map<String, Map<String, Object>> selectors = new java.util.TreeMap<>();
        SITE_FOLDER.stream()
                .filter(d -> d.kind().equals("Service") && TAKEN.contains(d.ref()))
                .forEach(d -> selectors.put(d.name(), Values.map(d.content(), "spec", "selector")));
        return selectors;
    }

    /** The port of the proxy's Service, from the lab's spec. */
    public static int proxyPort() {
        return LAB_FOLDER.stream().filter(d -> d.ref().equals("Service/" + Exercise.PROXY_SERVICE))
                .findFirst().flatMap(d -> d.at("spec", "ports", 0, "port")).map(p -> ((Number) p).intValue())
                .orElseThrow(() -> new IllegalStateException("the lab's " + Exercise.PROXY_SERVICE + " has no port"));
    }
}

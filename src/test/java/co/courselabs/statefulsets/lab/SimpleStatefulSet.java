package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.PodLives;
import co.courselabs.statefulsets.k8s.PodStates;
import co.courselabs.statefulsets.k8s.Timeline;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.spec.StatefulSetNames;
import io.kubernetes.client.openapi.models.V1Pod;
import io.restassured.response.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** The lab's {@code specs/simple}: three nginx Pods in a StatefulSet behind a headless Service. */
public final class SimpleStatefulSet {

    public static final String NAME = "simple-statefulset";
    public static final String SELECTOR = "app=simple-statefulset";
    public static final int REPLICAS = 3;
    /** The NodePort of simple-statefulset-np, from the specs. */
    public static int nodePort() {
        return LabSpecs.ports().nodePort("simple-statefulset-np");
    }

    /** The port of the LoadBalancer Service simple-statefulset-lb, from the specs. */
    public static int loadBalancerPort() {
        return LabSpecs.ports().port("simple-statefulset-lb");
    }
    private static final Pattern I_AM = Pattern.compile("<h1>I am (\\S+)</h1>");

    private final Kube kube;
    private final List<Timeline.Entry<V1Pod>> creation;

    private SimpleStatefulSet(Kube kube, List<Timeline.Entry<V1Pod>> creation) {
        this.kube = kube;
        this.creation = creation;
    }

    /** Applies {@code specs/simple} with a watch already open, and waits for every Pod to be Ready. */
    static SimpleStatefulSet deploy(Kube kube) {
        try (Timeline<V1Pod> timeline = kube.watchPods(SELECTOR)) {
            kube.applier().apply(LabSpecs.SIMPLE);
            SimpleStatefulSet deployed = new SimpleStatefulSet(kube, List.of());
            deployed.awaitAllReady();
            List<Timeline.Entry<V1Pod>> creation = timeline.entries();
            Progress.chart("The simple StatefulSet's Pods (specs/simple)", PodLives.of(creation, name -> true));
            return new SimpleStatefulSet(kube, creation);
        }
    }

    public static String pod(int ordinal) {
        return StatefulSetNames.pod(NAME, ordinal);
    }

    public static List<String> expectedPodNames() {
        return IntStream.range(0, REPLICAS).mapToObj(SimpleStatefulSet::pod).toList();
    }

    /** Every change to the Pods from before the spec was applied until all were Ready, in order. */
    public List<Timeline.Entry<V1Pod>> creation() {
        return creation;
    }

    public void awaitAllReady() {
        expectedPodNames().forEach(kube.pods()::awaitReady);
    }

    /** The names of the Pods the StatefulSet's selector finds now. */
    public List<String> podNames() {
        return kube.pods().list(SELECTOR).stream().map(p -> p.getMetadata().getName()).toList();
    }

    public String ip(int ordinal) {
        V1Pod pod = kube.pods().get(pod(ordinal));
        if (pod == null || pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
            throw new AssertionError("Pod " + pod(ordinal) + " has no IP; it is " + PodStates.summary(pod));
        }
        return pod.getStatus().getPodIP();
    }

    public List<String> ips() {
        return IntStream.range(0, REPLICAS).mapToObj(this::ip).sorted().toList();
    }

    /** Who answered each of {@code requests} requests (a new connection each, like a browser refresh). */
    public static List<String> whoAnswers(String baseUrl, int requests) {
        return IntStream.range(0, requests).mapToObj(i -> whoAnswers(baseUrl)).toList();
    }

    /** Which Pod answered a request for the page ({@code I am simple-statefulset-N}). */
    public static String whoAnswers(String baseUrl) {
        Response response = Http.to(baseUrl).get("/");
        Matcher page = I_AM.matcher(response.asString());
        if (response.statusCode() != 200 || !page.find()) {
            throw new AssertionError(baseUrl + " answered " + response.statusLine() + " without an \"I am ...\" page: "
                    + response.asString().strip());
        }
        return page.group(1);
    }
}

package co.courselabs.statefulsets.cluster;

import co.courselabs.statefulsets.k8s.Applier;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.Nslookup;
import co.courselabs.statefulsets.k8s.Pods;
import co.courselabs.statefulsets.progress.Waits;
import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Cluster DNS as the lab's Pods use it, asked from inside a Pod: the API's name and a headless
 * Service's. A cluster can pass every API-side check (kube-dns has endpoints) while Pods get no
 * answer: k3s in Docker without the host's br_netfilter module drops the replies of CoreDNS on the
 * same bridge. Then every DNS step of the lab would time out; this says why in the run's first seconds.
 */
final class PodDnsCheck {

    static final String NAME = "lab-dns-check";
    /** The lab's own sleep image: it has nslookup, and the lab pulls it anyway. */
    static final String IMAGE = "kiamol/ch03-sleep";
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final Map<String, String> LABELS = Map.of("kubernetes.courselabs.co", "statefulsets", "app", NAME);

    private final Kube kube;
    private final Pods pods;
    private final String namespace;

    PodDnsCheck(Kube kube) {
        this.kube = kube;
        this.pods = kube.pods();
        this.namespace = kube.namespace();
    }

    /** Null when Pods get answers; else what fails, its likely cause and the fix, in a sentence. */
    String problem() {
        try {
            create();
            try {
                pods.awaitReady(NAME, READY);
            } catch (AssertionError | RuntimeException e) {
                return "a Pod of the lab's own sleep image (" + IMAGE + ") cannot start there, to check its DNS: "
                        + e.getMessage();
            }
            for (String name : List.of("kubernetes.default.svc.cluster.local",
                    NAME + "." + namespace + ".svc.cluster.local")) {
                Nslookup.Answer answer;
                try {
                    answer = Waits.forValue("nslookup " + name + " in Pod " + NAME, ANSWER,
                            () -> Nslookup.lookup(pods, NAME, NAME, name), Nslookup.Answer::resolved);
                } catch (AssertionError e) {
                    return "its Pods get no answer from cluster DNS: nslookup " + name + " in a Pod did not resolve"
                            + " within " + ANSWER.toSeconds() + "s. With k3s in Docker the likely cause is the host's"
                            + " br_netfilter module not loaded: run sudo modprobe br_netfilter on the Docker host"
                            + " (Docker 27.3 and later no longer load it) and start again";
                }
            }
            return null;
        } finally {
            remove();
        }
    }

    private void create() {
        V1ObjectMeta meta = new V1ObjectMeta().name(NAME).labels(LABELS)
                .annotations(Map.of(Applier.MARK, Applier.MARK_VALUE));
        try {
            removeOwnLeftovers();
            kube.createService(new V1Service().metadata(meta).spec(new V1ServiceSpec()
                    .clusterIP("None").selector(Map.of("app", NAME))
                    .ports(List.of(new V1ServicePort().name("none").port(80).protocol("TCP")))));
            // the model starts with an empty overhead, which an API server without RuntimeClasses refuses
            pods.create(new V1Pod().metadata(meta).spec(new V1PodSpec()
                    .terminationGracePeriodSeconds(0L).overhead(null)
                    .containers(List.of(new V1Container().name(NAME).image(IMAGE)))));
        } catch (ApiException e) {
            throw new ClusterUnavailable("The suite cannot make its DNS check Pod " + NAME + " in namespace " + namespace
                    + ": " + e.getCode() + " " + e.getResponseBody());
        }
    }

    /** A check Pod of a run killed hard is the suite's own (it is marked); anything else of that name is not. */
    private void removeOwnLeftovers() throws ApiException {
        V1Pod pod = pods.get(NAME);
        V1Service service = service();
        List<V1ObjectMeta> found = java.util.stream.Stream.of(pod == null ? null : pod.getMetadata(),
                service == null ? null : service.getMetadata()).filter(java.util.Objects::nonNull).toList();
        for (V1ObjectMeta meta : found) {
            if (!Applier.isMarked(meta.getAnnotations())) {
                throw new ClusterUnavailable("Namespace " + namespace + " has objects named " + NAME + " that this"
                        + " suite did not make; it needs that name for its DNS check: remove them, or run elsewhere.");
            }
        }
        if (pod != null || service != null) {
            remove();
            Waits.forValue("the earlier " + NAME + " Pod gone", Duration.ofSeconds(60), () -> pods.get(NAME) == null,
                    gone -> gone);
        }
    }

    private V1Service service() {
        return kube.service(NAME);
    }

    /** Best effort, both: gone already is fine, and a check that could not clean up says so by its result. */
    private void remove() {
        try {
            kube.deleter().killPod(NAME);
        } catch (RuntimeException e) {
            // not removable now: the next run's check removes it (it is marked as the suite's)
        }
        try {
            kube.objects().delete(new ObjectRef(ResourceKind.SERVICE, namespace, NAME));
        } catch (RuntimeException e) {
            // as above
        }
    }
}

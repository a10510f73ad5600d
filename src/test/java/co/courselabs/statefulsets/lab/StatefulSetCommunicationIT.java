package co.courselabs.statefulsets.lab;

import static co.courselabs.statefulsets.lab.SimpleStatefulSet.pod;
import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.k8s.Nslookup;
import co.courselabs.statefulsets.progress.Waits;
import io.kubernetes.client.openapi.models.V1Service;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

@LabScenario
// Reads simple-statefulset's Pods (and pins only its external Services), so it runs beside the exercise.
@ResourceLock(value = SimpleStatefulSet.NAME, mode = ResourceAccessMode.READ)
@DisplayName("Communication with StatefulSet Pods")
class StatefulSetCommunicationIT {

    private static final String HEADLESS = SimpleStatefulSet.NAME;
    private static final String NODE_PORT_SERVICE = "simple-statefulset-np";
    private static final String LOAD_BALANCER_SERVICE = "simple-statefulset-lb";
    private static final String SLEEP = "sleep";
    /** Endpoints, DNS and kube-proxy follow a change within seconds; this bounds the wait for them. */
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    /*
     * kube-proxy sends each new connection to a random endpoint, so all of n requests land on the
     * same one of 3 Pods with probability 3 * (1/3)^n: for 30 requests about 1 in 10^14.
     */
    private static final int BALANCED_REQUESTS = 30;
    private static final int PINNED_REQUESTS = 20;
    private static final int PROPAGATED_AFTER = 15;

    private final Lab lab;
    private SimpleStatefulSet simple;

    StatefulSetCommunicationIT(Lab lab) {
        this.lab = lab;
    }

    @BeforeAll
    void deploy() {
        simple = lab.simpleStatefulSet();
        simple.awaitAllReady();
        lab.apply(LabSpecs.SLEEP_POD);
        lab.pods().awaitReady(SLEEP);
        String url = lab.kube().nodePortUrl(SimpleStatefulSet.nodePort());
        Waits.forValue("the app answering on " + url, PROPAGATION, () -> SimpleStatefulSet.whoAnswers(url),
                SimpleStatefulSet.expectedPodNames()::contains);
    }

    @Test
    @Order(1)
    @DisplayName("kubectl get endpoints simple-statefulset: one Service with the 3 Pod IP addresses")
    void headlessServiceListsTheThreePodIps() {
        awaitEndpoints(HEADLESS, simple.ips(), "the Pods' IPs");
    }

    @Test
    @Order(2)
    @DisplayName("the StatefulSet's Service is headless: it has no cluster IP")
    void governingServiceIsHeadless() {
        assertThat(lab.kube().service(HEADLESS).getSpec().getClusterIP()).as("clusterIP of %s", HEADLESS)
                .isEqualTo("None");
    }

    @Test
    @Order(3)
    @DisplayName("the NodePort and LoadBalancer Services select the same 3 Pods")
    void externalServicesSelectTheSamePods() {
        for (String service : List.of(NODE_PORT_SERVICE, LOAD_BALANCER_SERVICE)) {
            awaitEndpoints(service, simple.ips(), "the Pods' IPs");
        }
    }

    @Test
    @Order(4)
    @DisplayName("each Pod has its name in the label statefulset.kubernetes.io/pod-name")
    void eachPodIsLabelledWithItsName() {
        for (String name : SimpleStatefulSet.expectedPodNames()) {
            assertThat(lab.pods().get(name).getMetadata().getLabels())
                    .as("labels of Pod %s", name)
                    .containsEntry("statefulset.kubernetes.io/pod-name", name);
        }
    }

    @Test
    @Order(5)
    @DisplayName("nslookup simple-statefulset from the sleep Pod returns all the Pod IPs")
    void serviceNameResolvesToEveryPod() {
        assertResolves(HEADLESS, simple.ips());
    }

    @Test
    @Order(6)
    @DisplayName("each Pod has its own DNS name: simple-statefulset-N.simple-statefulset.default.svc.cluster.local")
    void eachPodHasItsOwnDnsName() {
        for (int ordinal = 0; ordinal < SimpleStatefulSet.REPLICAS; ordinal++) {
            String fqdn = lab.podDnsName(pod(ordinal), HEADLESS);
            assertResolves(fqdn, List.of(simple.ip(ordinal)));
        }
    }

    @Test
    @Order(7)
    @DisplayName("refreshing the app on NodePort 30010 shows responses from different Pods")
    void nodePortBalancesAcrossPods() {
        assertBalanced(lab.kube().nodePortUrl(SimpleStatefulSet.nodePort()));
    }

    @Test
    @Order(8)
    @DisplayName("the LoadBalancer Service shows responses from different Pods too")
    void loadBalancerBalancesAcrossPods() {
        assertBalanced(loadBalancerUrl());
    }

    @Test
    @Order(9)
    @DisplayName("after the Service update, every response comes from simple-statefulset-1")
    void pinnedServicesOnlyReachPodOne() {
        String pinned = pod(1);
        List<String> podOne = List.of(simple.ip(1));
        try {
            lab.apply(LabSpecs.SIMPLE_UPDATE);
            for (String service : List.of(NODE_PORT_SERVICE, LOAD_BALANCER_SERVICE)) {
                awaitEndpoints(service, podOne, "only " + pinned);
            }
            String url = lab.kube().nodePortUrl(SimpleStatefulSet.nodePort());
            /*
             * kube-proxy rewrites its rules a moment after the endpoints change: wait for that first.
             * While the old rules last, n answers in a row from Pod 1 happen by chance with probability
             * (1/3)^n per poll; with 5 that fooled the wait once in ~30 runs, with 15 it is below 10^-7.
             */
            Waits.forValue(PROPAGATED_AFTER + " responses in a row from " + pinned + " through " + url, PROPAGATION,
                    () -> Set.copyOf(SimpleStatefulSet.whoAnswers(url, PROPAGATED_AFTER)),
                    answers -> answers.equals(Set.of(pinned)));
            List<String> answers = SimpleStatefulSet.whoAnswers(url, PINNED_REQUESTS);
            assertThat(answers).as("who answered %d requests to %s", PINNED_REQUESTS, url).containsOnly(pinned);
        } finally {
            lab.apply(LabSpecs.SIMPLE);
            awaitEndpoints(NODE_PORT_SERVICE, simple.ips(), "back to all Pods");
        }
    }

    /** Endpoints follow a change within seconds: wait for them, then fail with what they list. */
    private void awaitEndpoints(String service, List<String> ips, String which) {
        Waits.forValue("the endpoints of " + service + " to be " + which + " " + ips, PROPAGATION,
                () -> lab.kube().readyEndpointIps(service), ips::equals);
    }

    private void assertResolves(String name, List<String> expectedIps) {
        Waits.forValue("nslookup " + name + " in the sleep Pod to answer exactly " + expectedIps, PROPAGATION,
                () -> Nslookup.lookup(lab.pods(), SLEEP, SLEEP, name),
                answer -> new TreeSet<>(answer.addresses()).equals(new TreeSet<>(expectedIps)));
    }

    private static void assertBalanced(String url) {
        List<String> answers = SimpleStatefulSet.whoAnswers(url, BALANCED_REQUESTS);
        assertThat(answers).as("who answered %d requests to %s", BALANCED_REQUESTS, url)
                .allMatch(SimpleStatefulSet.expectedPodNames()::contains, "one of the three Pods");
        assertThat(new TreeSet<>(answers)).as("different Pods answering %d requests to %s", BALANCED_REQUESTS, url)
                .hasSizeGreaterThanOrEqualTo(2);
    }

    /**
     * Through the address the cluster gave the LoadBalancer (k3s gives one; wait for it there), or,
     * where there is none (the lab cluster, kind), through the NodePort every LoadBalancer also gets.
     */
    private String loadBalancerUrl() {
        V1Service service = lab.cluster().isThrowaway()
                ? Waits.forValue(LOAD_BALANCER_SERVICE + " to get an external address", Duration.ofSeconds(60),
                        () -> lab.kube().service(LOAD_BALANCER_SERVICE), s -> ingress(s) != null)
                : lab.kube().service(LOAD_BALANCER_SERVICE);
        String ingress = ingress(service);
        return ingress != null
                ? lab.cluster().loadBalancerUrl(ingress, SimpleStatefulSet.loadBalancerPort())
                : lab.kube().nodePortUrl(service.getSpec().getPorts().get(0).getNodePort());
    }

    private static String ingress(V1Service service) {
        if (service == null || service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return null;
        }
        return service.getStatus().getLoadBalancer().getIngress().stream()
                .map(i -> i.getIp() != null ? i.getIp() : i.getHostname())
                .filter(a -> a != null && !a.isBlank())
                .findFirst().orElse(null);
    }
}

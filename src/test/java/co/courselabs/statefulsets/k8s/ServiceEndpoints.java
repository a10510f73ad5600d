package co.courselabs.statefulsets.k8s;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.DiscoveryV1Api;
import io.kubernetes.client.openapi.models.V1Endpoint;
import io.kubernetes.client.openapi.models.V1EndpointAddress;
import io.kubernetes.client.openapi.models.V1EndpointConditions;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1Endpoints;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The addresses a Service's endpoints list, as {@code kubectl get endpointslices -l
 * kubernetes.io/service-name=NAME} shows them: from {@code discovery.k8s.io/v1} EndpointSlices
 * where the server serves them (1.21 and later; core/v1 Endpoints are deprecated from 1.33 and
 * warn on every read), else from core/v1 Endpoints (the 1.20 stand-ins). Which one the server
 * serves is found out once, by asking.
 */
public final class ServiceEndpoints {

    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final DiscoveryV1Api discovery;
    private final CoreV1Api core;
    private volatile Boolean slicesServed;

    public ServiceEndpoints(ApiClient client) {
        this.discovery = new DiscoveryV1Api(client);
        this.core = new CoreV1Api(client);
    }

    /** The Ready addresses of the Service, sorted: where its traffic goes. */
    public List<String> ready(String namespace, String service) {
        return addresses(namespace, service, false);
    }

    /** Every address the Service selects, Ready or not (not one that is terminating), sorted. */
    public List<String> selected(String namespace, String service) {
        return addresses(namespace, service, true);
    }

    /** One endpoint of a Service: the Pod it names (null when it names none: a hand-made one) and its address. */
    public record Target(String pod, String address) {
        @Override
        public String toString() {
            return pod != null ? "Pod " + pod : "address " + address;
        }
    }

    /** What the Service sends traffic to, Ready or not: each endpoint's Pod and address, in order. */
    public List<Target> targets(String namespace, String service) {
        return read(namespace, service, ServiceEndpoints::targetsOfSlices, ServiceEndpoints::targetsOfEndpoints);
    }

    static List<Target> targetsOfSlices(List<V1EndpointSlice> slices) {
        return slices.stream()
                .flatMap(slice -> slice.getEndpoints() == null ? Stream.<V1Endpoint>empty() : slice.getEndpoints().stream())
                .map(e -> target(e.getTargetRef(), String.join(",", e.getAddresses())))
                .distinct().sorted(java.util.Comparator.comparing(Target::toString)).toList();
    }

    static List<Target> targetsOfEndpoints(V1Endpoints endpoints) {
        if (endpoints == null || endpoints.getSubsets() == null) {
            return List.of();
        }
        return endpoints.getSubsets().stream()
                .flatMap(s -> Stream.of(s.getAddresses(), s.getNotReadyAddresses()))
                .filter(Objects::nonNull)
                .flatMap(List::stream)
                .map(a -> target(a.getTargetRef(), a.getIp()))
                .distinct().sorted(java.util.Comparator.comparing(Target::toString)).toList();
    }

    private static Target target(io.kubernetes.client.openapi.models.V1ObjectReference ref, String address) {
        return new Target(ref != null && "Pod".equals(ref.getKind()) ? ref.getName() : null, address);
    }

    /** Whether the server serves EndpointSlices in discovery.k8s.io/v1 (known after the first read). */
    public boolean slicesServed() {
        return Boolean.TRUE.equals(slicesServed);
    }

    private List<String> addresses(String namespace, String service, boolean notReadyToo) {
        return read(namespace, service, slices -> fromSlices(slices, notReadyToo),
                endpoints -> fromEndpoints(endpoints, notReadyToo));
    }

    /** The Service's EndpointSlices where the server serves them (found out once), else its Endpoints. */
    private <T> List<T> read(String namespace, String service, Function<List<V1EndpointSlice>, List<T>> ofSlices,
            Function<V1Endpoints, List<T>> ofEndpoints) {
        try {
            if (!Boolean.FALSE.equals(slicesServed)) {
                try {
                    List<V1EndpointSlice> slices = discovery.listNamespacedEndpointSlice(namespace)
                            .labelSelector(SERVICE_NAME_LABEL + "=" + service).execute().getItems();
                    slicesServed = true;
                    return ofSlices.apply(slices);
                } catch (ApiException e) {
                    if (e.getCode() != 404) {
                        throw e;
                    }
                    slicesServed = false; // the group or version is not served: a server before 1.21
                }
            }
            return ofEndpoints.apply(Kube.orNull(() -> core.readNamespacedEndpoints(service, namespace).execute()));
        } catch (ApiException e) {
            throw new IllegalStateException("cannot read the endpoints of " + service + ": " + e.getResponseBody(), e);
        }
    }

    /**
     * The addresses of a Service's slices: Ready ones (an unknown readiness counts as Ready, as the
     * API says), or with {@code notReadyToo} every one that is not terminating. One address in two
     * slices (a slice being replaced) is listed once.
     */
    static List<String> fromSlices(List<V1EndpointSlice> slices, boolean notReadyToo) {
        TreeSet<String> ips = new TreeSet<>();
        for (V1EndpointSlice slice : slices) {
            for (V1Endpoint endpoint : slice.getEndpoints() == null ? List.<V1Endpoint>of() : slice.getEndpoints()) {
                V1EndpointConditions conditions = endpoint.getConditions();
                boolean ready = conditions == null || !Boolean.FALSE.equals(conditions.getReady());
                boolean terminating = conditions != null && Boolean.TRUE.equals(conditions.getTerminating());
                if (ready && !terminating || notReadyToo && !terminating) {
                    ips.addAll(endpoint.getAddresses());
                }
            }
        }
        return List.copyOf(ips);
    }

    /** The addresses of core/v1 Endpoints: Ready ones, or with {@code notReadyToo} the not-Ready ones too. */
    static List<String> fromEndpoints(V1Endpoints endpoints, boolean notReadyToo) {
        if (endpoints == null || endpoints.getSubsets() == null) {
            return List.of();
        }
        return endpoints.getSubsets().stream()
                .flatMap(s -> Stream.of(s.getAddresses(), notReadyToo ? s.getNotReadyAddresses() : null))
                .filter(Objects::nonNull)
                .flatMap(List::stream)
                .map(V1EndpointAddress::getIp)
                .distinct()
                .sorted()
                .toList();
    }
}

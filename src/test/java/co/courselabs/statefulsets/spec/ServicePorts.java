package co.courselabs.statefulsets.spec;

import co.courselabs.statefulsets.spec.SpecDocument.Values;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ports a set of specs' Services open on the node: the NodePorts of NodePort Services, and the
 * ports of LoadBalancer Services (k3s' load balancer listens on them on its node). Read from the
 * specs, so a backend that must map them before it starts (k3s in Docker) and a scenario that
 * browses to one agree with what is applied.
 */
public final class ServicePorts {

    private final List<SpecDocument> services;

    public ServicePorts(List<SpecDocument> documents) {
        this.services = documents.stream().filter(d -> "Service".equals(d.kind())).toList();
    }

    /** The NodePort of the named Service's first port; fails naming the Service when it has none. */
    public int nodePort(String service) {
        return firstPortField(service, "nodePort");
    }

    /** The port of the named Service's first port. */
    public int port(String service) {
        return firstPortField(service, "port");
    }

    private int firstPortField(String service, String field) {
        return services.stream().filter(d -> d.name().equals(service))
                .flatMap(d -> ports(d).stream())
                .map(p -> Values.at(p, field))
                .filter(Objects::nonNull).map(p -> ((Number) p).intValue())
                .findFirst().orElseThrow(() -> new IllegalStateException("the lab's specs give Service " + service
                        + " no " + field));
    }

    public List<Integer> nodePorts() {
        return services.stream().filter(d -> "NodePort".equals(d.text("spec", "type")))
                .flatMap(d -> ports(d).stream()).map(p -> Values.at(p, "nodePort"))
                .filter(Objects::nonNull).map(p -> ((Number) p).intValue()).distinct().sorted().toList();
    }

    public List<Integer> loadBalancerPorts() {
        return services.stream().filter(d -> "LoadBalancer".equals(d.text("spec", "type")))
                .flatMap(d -> ports(d).stream()).map(p -> Values.at(p, "port"))
                .filter(Objects::nonNull).map(p -> ((Number) p).intValue()).distinct().sorted().toList();
    }

    private static List<Object> ports(SpecDocument service) {
        return Values.list(service.content(), "spec", "ports").stream()
                .filter(p -> p instanceof Map<?, ?>).toList();
    }
}

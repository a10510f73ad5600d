package co.courselabs.statefulsets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1EndpointAddress;
import io.kubernetes.client.openapi.models.V1EndpointConditions;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1EndpointSubset;
import io.kubernetes.client.openapi.models.V1Endpoints;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceEndpointsTest {

    private static io.kubernetes.client.openapi.models.V1Endpoint endpoint(String ip, Boolean ready, Boolean terminating) {
        V1EndpointConditions conditions = ready == null && terminating == null ? null
                : new V1EndpointConditions().ready(ready).terminating(terminating);
        return new io.kubernetes.client.openapi.models.V1Endpoint().addAddressesItem(ip).conditions(conditions);
    }

    @Test
    @DisplayName("EndpointSlices: Ready addresses (unknown readiness counts as Ready), or every one not terminating;"
            + " an address in two slices once")
    void slices() {
        V1EndpointSlice first = new V1EndpointSlice().addressType("IPv4")
                .addEndpointsItem(endpoint("10.42.0.7", true, false))
                .addEndpointsItem(endpoint("10.42.0.8", false, false))
                .addEndpointsItem(endpoint("10.42.0.9", false, true))
                .addEndpointsItem(endpoint("10.42.0.10", null, null));
        V1EndpointSlice second = new V1EndpointSlice().addressType("IPv4")
                .addEndpointsItem(endpoint("10.42.0.7", true, false));
        assertThat(ServiceEndpoints.fromSlices(List.of(first, second), false)).containsExactly("10.42.0.10", "10.42.0.7");
        assertThat(ServiceEndpoints.fromSlices(List.of(first, second), true))
                .containsExactly("10.42.0.10", "10.42.0.7", "10.42.0.8");
        assertThat(ServiceEndpoints.fromSlices(List.of(new V1EndpointSlice().addressType("IPv4")), true)).isEmpty();
    }

    @Test
    @DisplayName("core/v1 Endpoints (servers before 1.21): Ready addresses, or the not-Ready ones too")
    void endpoints() {
        V1Endpoints endpoints = new V1Endpoints().addSubsetsItem(new V1EndpointSubset()
                .addAddressesItem(new V1EndpointAddress().ip("10.42.0.7"))
                .addNotReadyAddressesItem(new V1EndpointAddress().ip("10.42.0.8")));
        assertThat(ServiceEndpoints.fromEndpoints(endpoints, false)).containsExactly("10.42.0.7");
        assertThat(ServiceEndpoints.fromEndpoints(endpoints, true)).containsExactly("10.42.0.7", "10.42.0.8");
        assertThat(ServiceEndpoints.fromEndpoints(null, true)).isEmpty();
    }

    @Test
    @DisplayName("what a Service sends traffic to: each endpoint's Pod by name, or its address when it names no Pod")
    void targets() {
        V1EndpointSlice slice = new V1EndpointSlice().addressType("IPv4")
                .addEndpointsItem(endpoint("10.42.0.7", true, false).targetRef(new V1ObjectReference().kind("Pod")
                        .name("simple-proxy-0")))
                .addEndpointsItem(endpoint("10.42.0.99", true, false));
        assertThat(ServiceEndpoints.targetsOfSlices(List.of(slice))).containsExactly(
                new ServiceEndpoints.Target("simple-proxy-0", "10.42.0.7"), new ServiceEndpoints.Target(null, "10.42.0.99"));
        V1Endpoints endpoints = new V1Endpoints().addSubsetsItem(new V1EndpointSubset()
                .addAddressesItem(new V1EndpointAddress().ip("10.42.0.7").targetRef(new V1ObjectReference().kind("Pod")
                        .name("simple-proxy-0")))
                .addNotReadyAddressesItem(new V1EndpointAddress().ip("10.42.0.8").targetRef(new V1ObjectReference()
                        .kind("Pod").name("impostor"))));
        assertThat(ServiceEndpoints.targetsOfEndpoints(endpoints)).extracting(Object::toString)
                .containsExactly("Pod impostor", "Pod simple-proxy-0");
    }
}

package co.courselabs.statefulsets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NslookupTest {

    @Test
    @DisplayName("busybox 1.3x format: the answer's addresses, not the server's")
    void currentBusybox() {
        String output = """
                Server:\t\t10.43.0.10
                Address:\t10.43.0.10:53

                Name:\tsimple-statefulset.default.svc.cluster.local
                Address: 10.42.0.7
                Name:\tsimple-statefulset.default.svc.cluster.local
                Address: 10.42.0.5
                Name:\tsimple-statefulset.default.svc.cluster.local
                Address: 10.42.0.6
                """;
        assertThat(Nslookup.addresses(output)).containsExactly("10.42.0.7", "10.42.0.5", "10.42.0.6");
    }

    @Test
    @DisplayName("busybox 1.28 format (Address 1: IP name), as in the kiamol image")
    void olderBusybox() {
        String output = """
                Server:    10.96.0.10
                Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

                Name:      simple-statefulset-2.simple-statefulset.default.svc.cluster.local
                Address 1: 10.1.0.24 simple-statefulset-2.simple-statefulset.default.svc.cluster.local
                """;
        assertThat(Nslookup.addresses(output)).containsExactly("10.1.0.24");
    }

    @Test
    @DisplayName("a name that does not resolve has no addresses")
    void notFound() {
        String output = """
                Server:\t\t10.43.0.10
                Address:\t10.43.0.10:53

                ** server can't find nope.default.svc.cluster.local: NXDOMAIN
                """;
        assertThat(Nslookup.addresses(output)).isEmpty();
    }
}

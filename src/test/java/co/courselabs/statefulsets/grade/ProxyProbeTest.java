package co.courselabs.statefulsets.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProxyProbeTest {

    @Test
    @DisplayName("a NodePort that refuses connections is a finding about the proxy, not an error of the grader")
    void refusedConnectionIsReported() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        ProxyProbe.Result result = ProxyProbe.browse(url, Set.of("simple-proxy-0"), Duration.ofSeconds(1));

        assertThat(result.pages()).isZero();
        assertThat(result.problems()).singleElement().asString()
                .startsWith(url + " did not answer: ")
                .containsIgnoringCase("refused");
    }
}

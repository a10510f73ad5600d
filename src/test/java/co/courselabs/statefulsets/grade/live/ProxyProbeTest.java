package co.courselabs.statefulsets.grade.live;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.k8s.ServiceProxy.Page;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProxyProbeTest {

    @Test
    @DisplayName("a Service that never answers is a finding about the proxy, not an error of the grader")
    void unansweredIsReported() {
        ProxyProbe.Result result = ProxyProbe.browse(pages(() -> {
            throw new ConnectException("Connection refused");
        }), Set.of("simple-proxy-0"), Duration.ofSeconds(1));

        assertThat(result.pages()).isZero();
        assertThat(result.problems()).singleElement().asString()
                .startsWith("Service simple-proxy-np:8040 did not answer: Connection refused");
    }

    @Test
    @DisplayName("every Pod answering, one of them from its cache, is what It works needs; another page is a finding")
    void pagesAndCache() {
        AtomicInteger requests = new AtomicInteger();
        ProxyProbe.Result result = ProxyProbe.browse(pages(() -> {
            int n = requests.getAndIncrement();
            return page(200, "simple-proxy-" + n % 2, n < 2 ? "MISS" : "HIT", "<h1>I am simple-statefulset-1</h1>");
        }), Set.of("simple-proxy-0", "simple-proxy-1"), Duration.ofSeconds(5));
        assertThat(result.problems()).isEmpty();
        assertThat(result.hit()).isTrue();
        assertThat(result.hosts()).containsExactlyInAnyOrder("simple-proxy-0", "simple-proxy-1");

        ProxyProbe.Result wrong = ProxyProbe.browse(pages(() -> page(200, "simple-proxy-0", "HIT", "Welcome to nginx!")),
                Set.of("simple-proxy-0"), Duration.ofSeconds(5));
        assertThat(wrong.problems()).singleElement().asString().contains("instead of the simple-statefulset page");
    }

    /** A source of pages named as the grader names a Service. */
    private static ProxyProbe.Pages pages(ProxyProbe.Fetch fetch) {
        return new ProxyProbe.Pages("Service simple-proxy-np:8040", fetch);
    }

    private static Page page(int status, String host, String cache, String body) {
        return new Page(status, "HTTP " + status, Map.of("x-host", host, "x-cache", cache), body);
    }
}

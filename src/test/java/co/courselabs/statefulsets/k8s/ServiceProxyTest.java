package co.courselabs.statefulsets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kubernetes.client.openapi.ApiClient;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The service proxy's client against a stand-in API server whose "Pod" answers with a redirect. */
class ServiceProxyTest {

    @Test
    @DisplayName("a redirect from what answers is returned as the answer, never followed with the grader's credentials")
    void redirectIsNotFollowed() throws Exception {
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        List<String> tokens = new CopyOnWriteArrayList<>();
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            elsewhere.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String stolen = "http://127.0.0.1:" + attacker.getAddress().getPort() + "/api/v1/secrets";
        api.createContext("/", exchange -> {
            tokens.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().add("Location", stolen);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        attacker.start();
        api.start();
        try {
            ApiClient client = new ApiClient().setBasePath("http://127.0.0.1:" + api.getAddress().getPort());
            client.setApiKeyPrefix("Bearer");
            client.setApiKey("the-grader-s-admin-token");
            ServiceProxy.Page page = new ServiceProxy(client).get("grade-x", "simple-proxy-np", 8040, "/");
            assertThat(page.status()).as("what the grader got").isEqualTo(302);
            assertThat(page.header("Location")).isEqualTo(stolen);
            assertThat(tokens).as("the API server's requests").containsExactly("Bearer the-grader-s-admin-token");
            assertThat(elsewhere).as("requests that reached where the redirect points").isEmpty();
        } finally {
            api.stop(0);
            attacker.stop(0);
        }
    }
}

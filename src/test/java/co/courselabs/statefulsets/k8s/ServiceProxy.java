package co.courselabs.statefulsets.k8s;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * HTTP to a Service through the API server's service proxy ({@code kubectl get --raw
 * /api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH}): each request reaches one of the Service's
 * Ready endpoints, chosen by the API server, with the app's own status and headers. It needs no
 * port of the node, so it works the same on k3s in Docker, the lab cluster and a remote cluster,
 * and any number of namespaces can be reached at once. It trusts nothing it reaches: a redirect is
 * returned as the answer it is, not followed. The same GET reads the API server's other proxies
 * (a node's kubelet configuration).
 */
public final class ServiceProxy {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String[] AUTH = {"BearerToken"};

    /** One answer: the status line, the headers (by lower-case name) and the body (up to {@link Pods#READ_LIMIT}). */
    public record Page(int status, String statusLine, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ApiClient client;
    private final OkHttpClient http;

    public ServiceProxy(ApiClient client) {
        this.client = client;
        // one connection to the API server serves every page: it picks one of the Service's endpoints per request.
        // What answers is an answer's Pod: a redirect it sends is its answer, never followed (following it would
        // present the grader's credentials wherever the Pod points)
        this.http = client.getHttpClient().newBuilder().callTimeout(TIMEOUT).readTimeout(TIMEOUT)
                .followRedirects(false).followSslRedirects(false).build();
    }

    /** GETs {@code path} from the Service; an {@link IOException} when nothing answered. */
    public Page get(String namespace, String service, int port, String path) throws IOException {
        return get("/api/v1/namespaces/" + namespace + "/services/" + service + ":" + port + "/proxy" + path);
    }

    /**
     * GETs a path of the API server's own (a node's proxy: {@code /api/v1/nodes/NAME/proxy/configz}),
     * as the pages are got: the grader's credentials, no redirect followed, the body capped.
     */
    public Page get(String at) throws IOException {
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", "*/*");
        try {
            okhttp3.Call built = client.buildCall(null, at, "GET", List.of(), List.of(), null, headers, new HashMap<>(),
                    new HashMap<>(), AUTH, null);
            try (Response response = http.newCall(built.request()).execute()) {
                Map<String, String> names = new HashMap<>();
                response.headers().names().forEach(n -> names.put(n.toLowerCase(Locale.ROOT),
                        response.header(n)));
                return new Page(response.code(), "HTTP " + response.code() + " " + response.message(), names,
                        read(response.body()));
            }
        } catch (ApiException e) {
            throw new IOException("cannot build the request to " + at + ": " + e.getMessage(), e);
        }
    }

    private static String read(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        try (InputStream in = body.byteStream()) {
            return new String(in.readNBytes(Pods.READ_LIMIT), StandardCharsets.UTF_8);
        }
    }
}

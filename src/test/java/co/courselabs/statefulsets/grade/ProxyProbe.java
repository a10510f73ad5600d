package co.courselabs.statefulsets.grade;

import co.courselabs.statefulsets.k8s.Http;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Uses the proxy as the lab does: browse to NodePort 30040, refresh, and look at the response
 * headers the proxy adds ({@code X-Cache} and {@code X-Host}).
 */
final class ProxyProbe {

    /*
     * Each request goes to a random proxy Pod; the probe stops once it has seen a cache HIT and every
     * Pod answer. With 2 Pods, one is missed by 40 requests with probability 2 * (1/2)^40.
     */
    static final int MAX_REQUESTS = 40;
    private static final String PAGE = "I am simple-statefulset-";

    record Result(int requests, int pages, boolean hit, Set<String> hosts, List<String> problems) {
    }

    private ProxyProbe() {
    }

    /**
     * Browses until a HIT has been seen and each of {@code pods} has answered (by its X-Host);
     * answers from other hosts (a Deployment Pod still terminating) do not count.
     */
    static Result browse(String url, Set<String> pods) {
        Set<String> hosts = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        boolean hit = false;
        int pages = 0;
        int requests = 0;
        while (requests < MAX_REQUESTS && !(hit && hosts.containsAll(pods))) {
            requests++;
            Response response;
            try {
                response = Http.to(url).get("/");
            } catch (RuntimeException e) {
                problems.add(url + " did not answer: " + e.getMessage());
                break;
            }
            if (response.statusCode() != 200 || !response.asString().contains(PAGE)) {
                problems.add(url + " answered " + response.statusLine() + " instead of the simple-statefulset page: "
                        + abbreviate(response.asString()));
                break;
            }
            pages++;
            String host = response.header("X-Host") != null ? response.header("X-Host") : "(no X-Host header)";
            hosts.add(host);
            // only the graded Pods' caches count (nothing else may answer for them)
            hit |= pods.contains(host) && "HIT".equalsIgnoreCase(response.header("X-Cache"));
        }
        if (problems.isEmpty() && !hit) {
            problems.add(url + " served the page " + pages + " times (from " + hosts + ") but never from the cache of"
                    + " one of " + pods + " (no X-Cache: HIT)");
        }
        return new Result(requests, pages, hit, hosts, problems);
    }

    private static String abbreviate(String body) {
        String text = body.strip().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}

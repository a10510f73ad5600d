package co.courselabs.statefulsets.grade.live;

import co.courselabs.statefulsets.k8s.ServiceProxy.Page;
import co.courselabs.statefulsets.progress.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Uses the proxy as the lab does: browse to its Service, refresh, and look at the response headers
 * the proxy adds ({@code X-Cache} and {@code X-Host}). The grader browses through the API server's
 * service proxy, which needs no port of the node: any number of answers' proxies at once.
 */
final class ProxyProbe {

    /** Where the pages come from, named for messages ({@code Service simple-proxy-np:8040}): one request per fetch. */
    record Pages(String name, Fetch fetch) {
    }

    /** One request; an {@link IOException} when nothing answered. */
    interface Fetch {
        Page get() throws IOException;
    }

    /*
     * kube-proxy adds a Pod to the NodePort's rules a moment after the Pod is Ready (its sync period:
     * a second or so, more on a busy node), so the probe keeps browsing, a burst of requests per poll,
     * until every Pod has answered and one answer was a cache HIT. Once every Pod is in the rules, a
     * burst of 10 misses a given one of 3 Pods with probability (2/3)^10 < 2%, so it ends in a poll
     * or two; the patience only matters while the rules lag.
     */
    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int BURST = 10;
    private static final String PAGE = "I am simple-statefulset-";

    record Result(int requests, int pages, boolean hit, Set<String> hosts, List<String> problems) {
    }

    private final Pages source;
    private final String target;
    private final Set<String> pods;
    private final Duration patience;
    private final Set<String> hosts = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private boolean hit;
    private int pages;
    private int requests;
    private String unanswered;

    private ProxyProbe(Pages source, Set<String> pods, Duration patience) {
        this.source = source;
        this.target = source.name();
        this.pods = new TreeSet<>(pods);
        this.patience = patience;
    }

    /**
     * Browses until a HIT has been seen and each of {@code pods} has answered (by its X-Host);
     * answers from other hosts (a Deployment Pod still terminating) do not count.
     */
    static Result browse(Pages source, Set<String> pods) {
        return browse(source, pods, PATIENCE);
    }

    static Result browse(Pages source, Set<String> pods, Duration patience) {
        ProxyProbe probe = new ProxyProbe(source, pods, patience);
        // what was missing, when it does not come, is said by result()
        Waits.within("every proxy Pod " + probe.pods + " answering " + probe.target + ", one from its cache", patience,
                probe::burst);
        return probe.result();
    }

    /** Returns true when browsing is over: everything seen, or an answer that is wrong. */
    private synchronized boolean burst() {
        for (int i = 0; i < BURST; i++) {
            requests++;
            Page response;
            try {
                response = source.fetch().get();
            } catch (IOException e) {
                unanswered = e.getMessage();
                return false;
            }
            if (response.status() == 503 || response.status() == 502) {
                // the API server found no Ready endpoint to send it to, or the Pod did not answer it yet
                unanswered = response.statusLine() + ": " + abbreviate(response.body());
                return false;
            }
            if (response.status() / 100 == 3) {
                problems.add(target + " answered " + response.statusLine() + ", a redirect to " + abbreviate(String.valueOf(
                        response.header("Location"))) + ", instead of the simple-statefulset page: the proxy serves the"
                        + " page itself, and the grader follows no redirect");
                return true;
            }
            if (response.status() != 200 || !response.body().contains(PAGE)) {
                problems.add(target + " answered " + response.statusLine() + " instead of the simple-statefulset page: "
                        + abbreviate(response.body()));
                return true;
            }
            pages++;
            String host = response.header("X-Host") != null ? response.header("X-Host") : "(no X-Host header)";
            hosts.add(host);
            // only the graded Pods' caches count (nothing else may answer for them)
            hit |= pods.contains(host) && "HIT".equalsIgnoreCase(response.header("X-Cache"));
            if (hit && hosts.containsAll(pods)) {
                return true;
            }
        }
        return false;
    }

    private synchronized Result result() {
        if (problems.isEmpty() && pages == 0) {
            problems.add(target + " did not answer: " + unanswered);
        } else if (problems.isEmpty()) {
            if (!hit) {
                problems.add(target + " served the page " + pages + " times (from " + hosts + ") but never from the cache"
                        + " of one of " + pods + " (no X-Cache: HIT)");
            }
            Set<String> silent = new TreeSet<>(pods);
            silent.removeAll(hosts);
            if (!silent.isEmpty()) {
                problems.add((silent.size() == 1 ? "Pod " : "Pods ") + String.join(", ", silent) + " never answered "
                        + target + " in " + requests + " requests over " + patience.toSeconds() + "s (answers came from "
                        + hosts + ")");
            }
        }
        return new Result(requests, pages, hit, new LinkedHashSet<>(hosts), List.copyOf(problems));
    }

    private static String abbreviate(String body) {
        String text = body.strip().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}

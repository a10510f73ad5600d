package co.courselabs.statefulsets.k8s;

import java.util.List;
import java.util.Locale;

/**
 * Reads a failed image pull, from Docker or from a kubelet: either the image's fault (it does not
 * exist, or needs a login: the spec must change) or the registry's (a rate limit, a network that
 * failed, a proxy that refused: the same pull may work in a minute, and it is nobody's answer's fault).
 */
public final class RegistryErrors {

    private static final List<String> REFUSALS = List.of("toomanyrequests", "too many requests", " 429",
            "proxyconnect", "timeout", "deadline exceeded", "connection reset", "connection refused", "unexpected eof",
            ": eof", "tls handshake", "service unavailable", "bad gateway", " 502 ", " 503 ", " 504 ",
            "network is unreachable", "no route to host", "temporary failure in name resolution");

    private RegistryErrors() {
    }

    /**
     * Whether the registry refused or failed, rather than the image not existing. A registry name that
     * does not resolve is the spec's fault, unless it is Docker Hub's.
     */
    public static boolean isRefusal(String message, String image) {
        String text = message.toLowerCase(Locale.ROOT);
        if (text.contains("no such host") || text.contains("server misbehaving")) {
            return image == null || onDockerHub(image);
        }
        return REFUSALS.stream().anyMatch(text::contains);
    }

    /** The cause in a few words, or null when the text says nothing this knows. */
    public static String gist(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        if (text.contains("toomanyrequests") || text.contains("too many requests") || text.contains(" 429")) {
            return "the registry's pull rate limit";
        }
        if (text.contains("proxyconnect")) {
            return "the proxy refused the connection";
        }
        if (text.contains("no such host") || text.contains("server misbehaving")) {
            return "the registry's name does not resolve";
        }
        if (text.contains("timeout") || text.contains("deadline exceeded")) {
            return "the registry did not answer in time";
        }
        if (text.contains("unauthorized") || text.contains("denied") || text.contains("insufficient_scope")) {
            return "the registry refused access (no such image, or a login needed)";
        }
        if (text.contains("manifest unknown") || text.contains("not found")) {
            return "no such image";
        }
        if (REFUSALS.stream().anyMatch(text::contains)) {
            return "the registry cannot be reached";
        }
        return null;
    }

    /** {@code nginx:1.18}, {@code library/nginx}, {@code docker.io/x/y}: no other registry named. */
    static boolean onDockerHub(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return true;
        }
        String first = image.substring(0, slash);
        boolean namesRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return !namesRegistry || first.equals("docker.io") || first.equals("registry-1.docker.io");
    }
}

package co.courselabs.statefulsets.spec;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The names a StatefulSet gives what it makes, as the controller builds them: Pod
 * {@code <set>-<ordinal>}, and for each claim template the PVC {@code <template>-<set>-<ordinal>}.
 */
public final class StatefulSetNames {

    private StatefulSetNames() {
    }

    public static String pod(String set, int ordinal) {
        return set + "-" + ordinal;
    }

    public static List<String> pods(String set, int replicas) {
        return IntStream.range(0, replicas).mapToObj(ordinal -> pod(set, ordinal)).toList();
    }

    public static String claim(String template, String set, int ordinal) {
        return template + "-" + pod(set, ordinal);
    }

    public static List<String> claims(String template, String set, int replicas) {
        return IntStream.range(0, replicas).mapToObj(ordinal -> claim(template, set, ordinal)).toList();
    }

    /** Whether {@code name} is one of the set's Pods, whatever its ordinal. */
    public static boolean isPod(String name, String set) {
        return name.matches(Pattern.quote(set) + "-\\d+");
    }

    /** A pattern for the PVCs of the set's claim template {@code template} (any template when null). */
    public static String claimPattern(String template, String set) {
        return (template == null ? ".+" : Pattern.quote(template)) + "-" + Pattern.quote(set) + "-\\d+";
    }
}

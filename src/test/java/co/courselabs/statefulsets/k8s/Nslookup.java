package co.courselabs.statefulsets.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the answer of busybox's {@code nslookup}, in both of its formats: the old one
 * ({@code Address 1: 10.1.0.5 name}) and the current one ({@code Address: 10.1.0.5}). The server's
 * own address comes before the first {@code Name:} line and is not part of the answer.
 */
public final class Nslookup {

    private static final Pattern ADDRESS = Pattern.compile("^Address(?:\\s+\\d+)?:\\s*(\\S+)");

    private Nslookup() {
    }

    public record Answer(String name, int exitCode, String output, List<String> addresses) {
        public boolean resolved() {
            return !addresses.isEmpty();
        }

        @Override
        public String toString() {
            return addresses + " (nslookup " + name + " exit code " + exitCode + ", output: "
                    + output.strip().replaceAll("\\s*\\R\\s*", " | ") + ")";
        }
    }

    /** The addresses in nslookup's answer, in the order printed, without duplicates. */
    public static List<String> addresses(String output) {
        List<String> addresses = new ArrayList<>();
        boolean inAnswer = false;
        for (String raw : output.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("Name:")) {
                inAnswer = true;
                continue;
            }
            Matcher address = ADDRESS.matcher(line);
            if (inAnswer && address.find() && !addresses.contains(address.group(1))) {
                addresses.add(address.group(1));
            }
        }
        return addresses;
    }

    /** {@code kubectl exec POD -- nslookup NAME}. */
    public static Answer lookup(Pods pods, String pod, String container, String name) {
        Pods.ExecResult result = pods.exec(pod, container, "nslookup", name);
        return new Answer(name, result.exitCode(), result.output(), addresses(result.stdout()));
    }
}

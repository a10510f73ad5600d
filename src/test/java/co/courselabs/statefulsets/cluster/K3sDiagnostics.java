package co.courselabs.statefulsets.cluster;

import co.courselabs.statefulsets.progress.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.testcontainers.k3s.K3sContainer;

/**
 * What a k3s that did not come up left behind: the tail of its own log in
 * {@code diagnostics/k3s-start/}, and the known causes it names, told in a sentence.
 */
final class K3sDiagnostics {

    static final Path DIR = Reports.DIR.resolve("diagnostics").resolve("k3s-start");
    private static final int TAIL = 200;

    private K3sDiagnostics() {
    }

    static void startFailed(K3sContainer container, Exception failure) {
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve("k3s-log.txt"), logs(container) + "\n");
            Files.writeString(DIR.resolve("failure.txt"), String.valueOf(failure) + "\n");
        } catch (IOException e) {
            // the failure itself is what matters; its message still says what happened
        }
    }

    /** A sentence for a cause the log names, and where the log is. */
    static String hint(K3sContainer container) {
        String log = logs(container).toLowerCase(Locale.ROOT);
        String cause = "";
        if (log.contains("cgroup v1")) {
            cause = " Its kubelet refuses this host's cgroup v1: use a Docker host with cgroup v2, or a cluster you"
                    + " have with -Dlab.cluster=kubeconfig.";
        }
        return cause + " Its log: " + DIR.resolve("k3s-log.txt") + ".";
    }

    private static String logs(K3sContainer container) {
        try {
            return container.getContainerId() == null ? "(the container was never created)"
                    : tail(container.getLogs(), TAIL);
        } catch (RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}

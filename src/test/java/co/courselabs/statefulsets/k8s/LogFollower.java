package co.courselabs.statefulsets.k8s;

import co.courselabs.statefulsets.progress.Waits;
import io.kubernetes.client.openapi.models.V1Pod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Follows a container's log as {@code kubectl logs -f} does and waits for lines to appear in a
 * given order; fails at once when the container restarts, the Pod fails, or the log ends.
 */
public final class LogFollower implements AutoCloseable {

    public record Expected(String description, Predicate<String> matches) {
        public static Expected containing(String text) {
            return new Expected("a line containing \"" + text + "\"", line -> line.contains(text));
        }
    }

    private final Pods pods;
    private final String pod;
    private final String container;
    private final InputStream stream;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final String podUid;
    private final int restartsAtStart;
    private volatile boolean ended;

    public LogFollower(Pods pods, String pod, String container) {
        this.pods = pods;
        this.pod = pod;
        this.container = container;
        V1Pod current = pods.get(pod);
        if (current == null) {
            throw new AssertionError("Pod " + pod + " does not exist, so its log cannot be followed");
        }
        this.podUid = current.getMetadata().getUid();
        this.restartsAtStart = PodStates.restarts(current);
        this.stream = pods.follow(pod, container);
        this.reader = new Thread(this::read, "log " + pod + "/" + container);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed by close(), or the connection dropped: treated as the end of the log
        } finally {
            ended = true;
        }
    }

    /** Waits until each expected line has appeared, in this order; returns the matching lines. */
    public List<String> awaitInOrder(Duration timeout, Expected... expected) {
        String what = "the log of " + pod + " to show " + describe(expected);
        List<String> found = new ArrayList<>();
        Waits.until(what, timeout, () -> progress(expected) + "\nLast lines:\n" + lastLines(),
                () -> matchInOrder(expected, found), this::failIfStopped);
        return found;
    }

    private boolean matchInOrder(Expected[] expected, List<String> found) {
        found.clear();
        int next = 0;
        for (String line : lines) {
            if (next < expected.length && expected[next].matches().test(line)) {
                found.add(line);
                next++;
            }
        }
        return next == expected.length;
    }

    private void failIfStopped() {
        V1Pod current = pods.get(pod);
        if (current == null || !podUid.equals(current.getMetadata().getUid())) {
            throw new AssertionError("Pod " + pod + " was deleted while its log was followed");
        }
        if (PodStates.restarts(current) > restartsAtStart) {
            throw new AssertionError("Pod " + pod + " restarted while its log was followed: "
                    + PodStates.summary(current) + "\nLast lines:\n" + lastLines());
        }
        if ("Failed".equals(current.getStatus().getPhase())) {
            throw new AssertionError("Pod " + pod + " failed: " + PodStates.summary(current));
        }
        if (ended && !lines.isEmpty()) {
            throw new AssertionError("the log of " + pod + " ended (the container stopped): "
                    + PodStates.summary(current) + "\nLast lines:\n" + lastLines());
        }
    }

    private String progress(Expected[] expected) {
        List<String> found = new ArrayList<>();
        matchInOrder(expected, found);
        return found.size() < expected.length
                ? "Seen in order: " + found.size() + " of " + expected.length + "; missing "
                        + expected[found.size()].description() + "."
                : "";
    }

    private static String describe(Expected[] expected) {
        List<String> parts = new ArrayList<>();
        for (Expected e : expected) {
            parts.add(e.description());
        }
        return String.join(", then ", parts);
    }

    private String lastLines() {
        List<String> all = new ArrayList<>(lines);
        return "  " + String.join("\n  ", all.subList(Math.max(0, all.size() - 15), all.size()));
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            // already closed
        }
        reader.interrupt();
    }
}

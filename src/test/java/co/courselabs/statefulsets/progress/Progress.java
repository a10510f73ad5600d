package co.courselabs.statefulsets.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the suite is doing and how long it takes: a line when a step or a long wait starts to
 * matter, and a table of every timed step for {@code target/lab-report/timings.md}.
 */
public final class Progress {

    /** Waits shorter than this print nothing. */
    public static final Duration QUIET = Duration.ofSeconds(3);
    private static final Instant RUN_START = Instant.now();
    private static final ConcurrentLinkedQueue<Step> STEPS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<String> CHARTS = new ConcurrentLinkedQueue<>();

    private Progress() {
    }

    public record Step(String what, String kind, Instant start, Duration took, boolean ok) {
    }

    /** A line for the log; what it quotes of the cluster (events, logs) can start no workflow command there. */
    public static void say(String line) {
        System.out.printf(Locale.ROOT, "[lab %5.1fs] %s%n", sinceStart().toMillis() / 1000.0, Escape.console(line));
    }

    /** A wait still running: printed every few seconds so a CI log shows where the time goes. */
    public static void stillWaiting(String what, Duration waited, Duration limit, String seen) {
        say(String.format(Locale.ROOT, "waiting %ds for %s (up to %ds)%s", waited.toSeconds(), what, limit.toSeconds(),
                seen == null ? "" : ": " + seen));
    }

    public static void recordWait(String what, Instant start, Duration took, boolean ok) {
        STEPS.add(new Step(what, "wait", start, took, ok));
        if (!ok || took.compareTo(QUIET) >= 0) {
            say((ok ? "done after " : "GAVE UP after ") + seconds(took) + ": " + what);
        }
    }

    /** Times a step that is not a wait (an apply, an HTTP round, a whole scenario). */
    public static <T> T timed(String what, java.util.concurrent.Callable<T> work) throws Exception {
        Instant start = Instant.now();
        boolean ok = false;
        try {
            T result = work.call();
            ok = true;
            return result;
        } finally {
            STEPS.add(new Step(what, "step", start, Duration.between(start, Instant.now()), ok));
        }
    }

    public static void record(String what, String kind, Instant start, boolean ok) {
        STEPS.add(new Step(what, kind, start, Duration.between(start, Instant.now()), ok));
    }

    /** A picture of Pods' lives ({@link PodChart}) for the end of timings.md, under its own heading. */
    public static void chart(String title, List<PodChart.Life> lives) {
        CHARTS.add("## " + title + "\n\n" + PodChart.markdown(title, lives, Instant.now()));
    }

    public static List<Step> steps() {
        return new ArrayList<>(STEPS);
    }

    public static Instant runStart() {
        return RUN_START;
    }

    public static Duration sinceStart() {
        return Duration.between(RUN_START, Instant.now());
    }

    /** A Markdown table of every step, slowest first, with when it started in the run. */
    public static void writeTimings(Path file) {
        List<Step> steps = steps();
        steps.sort(Comparator.comparing(Step::took).reversed());
        StringBuilder md = new StringBuilder("# Where the time went\n\n")
                .append("Run wall time so far: ").append(seconds(sinceStart())).append("\n\n")
                .append("| took | started at | kind | step | ok |\n|---:|---:|---|---|---|\n");
        for (Step step : steps) {
            md.append("| ").append(seconds(step.took()))
                    .append(" | ").append(seconds(Duration.between(RUN_START, step.start())))
                    .append(" | ").append(step.kind())
                    .append(" | ").append(step.what().replace("|", "\\|"))
                    .append(" | ").append(step.ok() ? "yes" : "**no**").append(" |\n");
        }
        CHARTS.forEach(chart -> md.append('\n').append(chart));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md);
        } catch (IOException e) {
            say("cannot write " + file + ": " + e.getMessage());
        }
    }

    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}

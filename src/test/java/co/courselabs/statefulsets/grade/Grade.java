package co.courselabs.statefulsets.grade;

import co.courselabs.statefulsets.progress.PodChart;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verdict on one solution, criterion by criterion. A criterion fails on any finding, passes
 * when every check it needs has run clean, and is undecided ({@code null}) while a check it needs
 * has not run (a static run never sees the cluster).
 */
public final class Grade {

    /**
     * What kind of verdict this is: {@code GRADED} (the answer was judged), {@code REFUSED} (the
     * safety gate kept it off the cluster), {@code ERROR} (no grade could be made, through no fault
     * of the answer: no cluster, a registry refusing a pull, a fault of the grader).
     */
    public enum Status {
        GRADED, REFUSED, ERROR;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Path folder;
    private final Map<String, java.time.Duration> phases = new java.util.LinkedHashMap<>();
    /** The phases being timed on this thread, each with the time of the phases timed within it. */
    private final ThreadLocal<java.util.Deque<long[]>> timing = ThreadLocal.withInitial(java.util.ArrayDeque::new);
    /** The clock the phases are timed by, in nanoseconds (a test's own clock, to time without waiting). */
    private java.util.function.LongSupplier nanos = System::nanoTime;
    private final boolean live;
    private final Map<Criterion, List<Finding>> findings = new EnumMap<>(Criterion.class);
    private final Map<Criterion, List<String>> verified = new EnumMap<>(Criterion.class);
    private final Map<Criterion, String> notRun = new EnumMap<>(Criterion.class);
    private final Set<Criterion> seenOnCluster = EnumSet.noneOf(Criterion.class);
    private final List<String> clusterShowed = new ArrayList<>();
    private String error;
    private java.time.Duration took;
    private List<PodChart.Life> podLives = List.of();
    private String namespace;
    private List<String> fences = List.of();
    private Instant watchedUntil;
    /** What the verdicts are worth: the run's rubric, unless a test gives another. */
    private final Rubric rubric;

    public Grade(Path folder, boolean live) {
        this(folder, live, Rubric.inForce());
    }

    public Grade(Path folder, boolean live, Rubric rubric) {
        this.folder = folder;
        this.live = live;
        this.rubric = rubric;
    }

    public Rubric rubric() {
        return rubric;
    }

    public Path folder() {
        return folder;
    }

    public boolean isLive() {
        return live;
    }

    /** A fault found; the same one found again (a later check that hears the same cause) is said once. */
    public synchronized void fail(Criterion criterion, Finding finding) {
        List<Finding> found = findings.computeIfAbsent(criterion, c -> new ArrayList<>());
        if (!found.contains(finding)) {
            found.add(finding);
        }
    }

    public synchronized void fail(Criterion criterion, String message) {
        fail(criterion, Finding.general(message));
    }

    /** A check of the criterion ran clean; the text says what was seen. */
    public synchronized void verified(Criterion criterion, String what) {
        verified.computeIfAbsent(criterion, c -> new ArrayList<>()).add(what);
    }

    /** The criterion's cluster checks ran (clean or not). */
    public synchronized void seenOnCluster(Criterion criterion) {
        seenOnCluster.add(criterion);
    }

    /** The criterion could not be checked, and why (the first reason given is kept). */
    public synchronized void notRun(Criterion criterion, String reason) {
        notRun.putIfAbsent(criterion, reason);
    }

    /** Every cluster criterion not decided yet could not be checked, for {@code reason}. */
    public synchronized void notRunOnCluster(String reason) {
        for (Criterion criterion : Criterion.values()) {
            if (criterion.needsCluster() && passed(criterion) == null) {
                notRun(criterion, reason);
            }
        }
    }

    /** What the cluster showed when the grade failed (Pod states, warnings), and where the rest is. */
    public synchronized void clusterShowed(List<String> lines) {
        clusterShowed.addAll(lines);
    }

    public synchronized List<String> clusterShowed() {
        return List.copyOf(clusterShowed);
    }

    /** How long the grading took, for the class report's times. */
    public synchronized void took(java.time.Duration duration) {
        took = duration;
    }

    public synchronized java.time.Duration took() {
        return took;
    }

    /**
     * Where the grading's time went, by phase (the gate, the namespace and its fence, the starting
     * point, the answer's Pods starting, the checks, the stability hold, the cleanup), in the order
     * first met; a phase met twice adds up.
     */
    public synchronized void phase(String name, java.time.Duration duration) {
        phases.merge(name, duration, java.time.Duration::plus);
    }

    /**
     * Runs {@code work}, its time counted to {@code phase}; a phase timed within it counts to itself
     * alone (the stability hold within the checks is the hold's), so the phases add up to the whole.
     */
    public <T> T timed(String phase, java.util.function.Supplier<T> work) {
        java.util.Deque<long[]> open = timing.get();
        long start = nanos.getAsLong();
        open.push(new long[] {0});
        try {
            return work.get();
        } finally {
            long elapsed = nanos.getAsLong() - start;
            long nested = open.pop()[0];
            if (!open.isEmpty()) {
                open.peek()[0] += elapsed;
            }
            phase(phase, java.time.Duration.ofNanos(elapsed - nested));
        }
    }

    public void timed(String phase, Runnable work) {
        timed(phase, () -> {
            work.run();
            return null;
        });
    }

    /** Times the phases by {@code clock} (nanoseconds) instead of the system's. */
    public void clock(java.util.function.LongSupplier clock) {
        nanos = clock;
    }

    public synchronized Map<String, java.time.Duration> phases() {
        return new java.util.LinkedHashMap<>(phases);
    }

    /** No grade could be made; the first reason given is kept. */
    public synchronized void error(String reason) {
        if (error == null) {
            error = reason;
        }
    }

    public synchronized String error() {
        return error;
    }

    public synchronized Status status() {
        if (error != null) {
            return Status.ERROR;
        }
        return findings.getOrDefault(Criterion.SAFE, List.of()).isEmpty() ? Status.GRADED : Status.REFUSED;
    }

    /** The namespace the answer was graded in, and what of its fence the cluster enforced (a line per part). */
    public synchronized void gradedIn(String namespace, List<String> fences) {
        this.namespace = namespace;
        this.fences = List.copyOf(fences);
    }

    public synchronized String namespace() {
        return namespace;
    }

    public synchronized List<String> fences() {
        return fences;
    }

    /** The graded Pods as the grader's watch saw them, until {@code until}, for the summary's picture. */
    public synchronized void podLives(List<PodChart.Life> lives, Instant until) {
        podLives = List.copyOf(lives);
        watchedUntil = until;
    }

    public synchronized List<PodChart.Life> podLives() {
        return podLives;
    }

    public synchronized Instant watchedUntil() {
        return watchedUntil;
    }

    public synchronized Boolean passed(Criterion criterion) {
        if (!findings.getOrDefault(criterion, List.of()).isEmpty()) {
            return false;
        }
        if (notRun.containsKey(criterion)) {
            return null;
        }
        if (criterion.needsCluster() && !seenOnCluster.contains(criterion)) {
            return null;
        }
        return true;
    }

    public synchronized List<Finding> findings(Criterion criterion) {
        return List.copyOf(findings.getOrDefault(criterion, List.of()));
    }

    public synchronized List<Finding> allFindings() {
        return findings.values().stream().flatMap(List::stream).toList();
    }

    /** The teacher's hint for the criterion (the rubric's) when it failed; else null. */
    public String hint(Criterion criterion) {
        return Boolean.FALSE.equals(passed(criterion)) ? rubric.hint(criterion) : null;
    }

    /** The criterion's message and, when it failed, the teacher's hint for it, if any. */
    public String feedback(Criterion criterion) {
        String hint = hint(criterion);
        return hint == null ? message(criterion) : message(criterion) + "\n\nYour teacher's hint: " + hint;
    }

    /** What a student reads for the criterion: the faults, else why it was not run, else what was seen. */
    public synchronized String message(Criterion criterion) {
        List<Finding> faults = findings.getOrDefault(criterion, List.of());
        if (!faults.isEmpty()) {
            return String.join("\n", faults.stream().map(Finding::toString).toList());
        }
        if (notRun.containsKey(criterion)) {
            return "not checked: " + notRun.get(criterion);
        }
        String seen = String.join("; ", verified.getOrDefault(criterion, List.of()));
        if (criterion.needsCluster() && !seenOnCluster.contains(criterion)) {
            return (seen.isEmpty() ? "" : seen + ". ")
                    + "The cluster part is checked by a live run (mvn verify, or the action's mode: live).";
        }
        return seen.isEmpty() ? "ok" : seen;
    }

    public int score(Criterion criterion) {
        return Boolean.TRUE.equals(passed(criterion)) ? rubric.points(criterion) : 0;
    }

    public int score() {
        return Arrays.stream(Criterion.values()).mapToInt(this::score).sum();
    }

    public int maxScore() {
        return rubric.total();
    }

    /**
     * Whether the answer passes, by the rubric's rule (by default: live, every criterion passed; from
     * the YAML alone, none failed, the cluster parts left for the live run).
     */
    public boolean passed() {
        if (status() == Status.ERROR) {
            return false;
        }
        return rubric.passes(this::passed, live);
    }
}

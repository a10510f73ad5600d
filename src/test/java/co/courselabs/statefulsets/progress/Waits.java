package co.courselabs.statefulsets.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionEvaluationListener;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.EvaluatedCondition;
import org.awaitility.core.TerminalFailureException;
import org.awaitility.core.ThrowingRunnable;
import org.awaitility.core.TimeoutEvent;
import org.awaitility.pollinterval.IterativePollInterval;
import org.awaitility.pollinterval.PollInterval;

/**
 * Every wait of the suite, and the only place that knows Awaitility: bounded, named (the name is
 * what the log and the failure say), polled often enough not to waste time, reporting progress
 * while it lasts, and failing in one shape: {@code <what>: not within Ns; <what it saw last>}.
 * A check that throws counts as "not yet" (a connection refused while kube-proxy catches up); a
 * {@code hopeless} check that throws ends the wait at once, its message saying why it never will.
 */
public final class Waits {

    /**
     * How often a wait looks: at once, then after 100 ms, each interval half again as long, up to a
     * second. A state that comes in moments is seen in moments; a long wait (a Pod's start, a probe's
     * periods) asks the API server a few times a second at first and once a second after, which is
     * what lets several answers be graded at once on a small node (its API server and etcd were half
     * of the CPU an answer cost with a fixed 250 ms).
     */
    private static final PollInterval POLL = new IterativePollInterval(
            previous -> Duration.ofMillis(Math.min(1000, Math.round(previous.toMillis() * 1.5))),
            Duration.ofMillis(100));
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
    private static final ThrowingRunnable NEVER_HOPELESS = () -> { };

    private Waits() {
    }

    /** Waits for {@code holds}; {@code seen} says what the wait sees now, for the progress lines and the failure. */
    public static void until(String what, Duration timeout, Supplier<String> seen, Callable<Boolean> holds) {
        until(what, timeout, seen, holds, NEVER_HOPELESS);
    }

    /** As above, ending at once when {@code hopeless} throws. */
    public static void until(String what, Duration timeout, Supplier<String> seen, Callable<Boolean> holds,
            ThrowingRunnable hopeless) {
        AtomicReference<Object> lastError = new AtomicReference<>();
        if (!await(what, timeout, seen, holds, hopeless, lastError)) {
            String saw = seen.get();
            throw new AssertionError(what + ": not within " + timeout.toSeconds() + "s; "
                    + (saw != null ? saw : "the last answer was " + lastError.get()));
        }
    }

    /** Waits for {@code holds} as long as {@code timeout}; false when it did not hold by then (not a failure here). */
    public static boolean within(String what, Duration timeout, Callable<Boolean> holds) {
        return within(what, timeout, () -> null, holds, NEVER_HOPELESS);
    }

    /** As above, with what the wait sees for its progress lines, ending at once when {@code hopeless} throws. */
    public static boolean within(String what, Duration timeout, Supplier<String> seen, Callable<Boolean> holds,
            ThrowingRunnable hopeless) {
        return await(what, timeout, seen, holds, hopeless, new AtomicReference<>());
    }

    /**
     * Waits for a value read from the cluster to satisfy {@code expected}; returns it. When the value
     * never comes, fails with what was expected and the last answer, value or error.
     */
    public static <T> T forValue(String what, Duration timeout, Callable<T> read, Predicate<T> expected) {
        return forValue(what, timeout, read, expected, NEVER_HOPELESS);
    }

    /** As above, failing at once when {@code hopeless} throws (its message says why it never will). */
    public static <T> T forValue(String what, Duration timeout, Callable<T> read, Predicate<T> expected,
            ThrowingRunnable hopeless) {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicReference<Object> lastAnswer = new AtomicReference<>();
        boolean held = await(what, timeout, () -> null, () -> {
            T value = read.call();
            last.set(value);
            lastAnswer.set(value);
            return expected.test(value);
        }, hopeless, lastAnswer);
        if (!held) {
            throw new AssertionError(what + ": not within " + timeout.toSeconds() + "s; the last answer was "
                    + lastAnswer.get());
        }
        return last.get();
    }

    /** The one loop: true when it held, false at the bound; a hopeless check's AssertionError ends it. */
    private static boolean await(String what, Duration timeout, Supplier<String> seen, Callable<Boolean> holds,
            ThrowingRunnable hopeless, AtomicReference<Object> lastError) {
        Instant start = Instant.now();
        try {
            Awaitility.await(what)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL)
                    .conditionEvaluationListener(new Reporter(what, timeout, seen))
                    .failFast(hopeless)
                    .until(() -> {
                        try {
                            return Boolean.TRUE.equals(holds.call());
                        } catch (Exception | AssertionError e) {
                            if (!isInterruption(e)) {
                                lastError.set(e);
                            }
                            return false;
                        }
                    });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        } catch (TerminalFailureException e) {
            Progress.recordWait(what, start, Duration.between(start, Instant.now()), false);
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Awaitility interrupts the last read when time is up: that says nothing about the cluster. */
    private static boolean isInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    /** Prints a line every few seconds while the wait lasts, and records how long it took. */
    private static final class Reporter implements ConditionEvaluationListener<Object> {
        private final String what;
        private final Duration timeout;
        private final Supplier<String> seen;
        private final Instant start = Instant.now();
        private long nextReportMs = REPORT_EVERY.toMillis();

        Reporter(String what, Duration timeout, Supplier<String> seen) {
            this.what = what;
            this.timeout = timeout;
            this.seen = seen;
        }

        @Override
        public void conditionEvaluated(EvaluatedCondition<Object> condition) {
            if (condition.isSatisfied()) {
                Progress.recordWait(what, start, Duration.between(start, Instant.now()), true);
            } else if (condition.getElapsedTimeInMS() >= nextReportMs) {
                nextReportMs += REPORT_EVERY.toMillis();
                Progress.stillWaiting(what, Duration.ofMillis(condition.getElapsedTimeInMS()), timeout, seen.get());
            }
        }

        @Override
        public void onTimeout(TimeoutEvent timeoutEvent) {
            Progress.recordWait(what, start, Duration.between(start, Instant.now()), false);
        }
    }
}

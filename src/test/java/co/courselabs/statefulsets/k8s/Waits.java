package co.courselabs.statefulsets.k8s;

import co.courselabs.statefulsets.diag.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionEvaluationListener;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.EvaluatedCondition;
import org.awaitility.core.TerminalFailureException;
import org.awaitility.core.ThrowingRunnable;
import org.awaitility.core.TimeoutEvent;

/**
 * Every wait of the suite: bounded, named (the name is what the log and the failure say), polled
 * often enough not to waste time, and reporting progress while it lasts.
 */
public final class Waits {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private Waits() {
    }

    /** {@code Waits.until("simple-statefulset-1 Ready", ofSeconds(60)).until(...)}. */
    public static ConditionFactory until(String what, Duration timeout) {
        return until(what, timeout, () -> null);
    }

    /** As above; each progress line also says what the wait sees now ({@code seen}, null for nothing). */
    public static ConditionFactory until(String what, Duration timeout, Supplier<String> seen) {
        return Awaitility.await(what)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(POLL)
                .conditionEvaluationListener(new Reporter(what, timeout, seen));
    }

    /**
     * Waits for a value read from the cluster to satisfy {@code expected}; returns it. A read that
     * throws (a connection refused while kube-proxy catches up) counts as "not yet". When the value
     * never comes, fails with what was expected and the last answer, value or error.
     */
    public static <T> T forValue(String what, Duration timeout, Callable<T> read, Predicate<T> expected) {
        return forValue(what, timeout, read, expected, () -> { });
    }

    /** As above, failing at once when {@code hopeless} throws (its message says why it never will). */
    public static <T> T forValue(String what, Duration timeout, Callable<T> read, Predicate<T> expected,
            ThrowingRunnable hopeless) {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicReference<Object> lastAnswer = new AtomicReference<>();
        Instant start = Instant.now();
        try {
            until(what, timeout).failFast(hopeless).until(() -> {
                T value;
                try {
                    value = read.call();
                } catch (Exception | AssertionError e) {
                    if (!isInterruption(e)) {
                        lastAnswer.set(e);
                    }
                    return false;
                }
                last.set(value);
                lastAnswer.set(value);
                return expected.test(value);
            });
            return last.get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + timeout.toSeconds() + "s; the last answer was "
                    + lastAnswer.get(), e);
        } catch (TerminalFailureException e) {
            endedEarly(what, start);
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A wait that ended before its bound because what it waited for never will be: timed, as a failed wait. */
    public static void endedEarly(String what, Instant start) {
        Progress.recordWait(what, start, Duration.between(start, Instant.now()), false);
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

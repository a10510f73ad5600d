package co.courselabs.statefulsets.grade;

import co.courselabs.statefulsets.lab.Lab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A class's answers graded on one cluster, up to {@code parallel} at a time, each in a namespace of
 * its own and exactly as it would be graded alone ({@link AnswerGrader}). An answer whose grading
 * hangs past {@link #ANSWER_BOUND} is that answer's error (its thread is interrupted and the class
 * goes on); one that throws, an {@link Error} too, is that answer's error as well.
 */
final class ClassRun {

    /**
     * Far past the longest a grading's own bounded waits add up to (the namespace and its site, the
     * Pods' start, the claims, the Service, the pages, a liveness probe's periods).
     */
    static final Duration ANSWER_BOUND = Duration.ofMinutes(8);

    private ClassRun() {
    }

    /** The grades, in the answers' order; {@code done} hears of each as it is made. */
    static List<Grade> grade(List<Answer> answers, Supplier<Lab> lab, int parallel, Consumer<Grade> done) {
        return grade(answers, lab, parallel, done, AnswerGrader::grade);
    }

    /** As above, each answer graded by {@code grader} (the grader's self-tests take every answer to the cluster). */
    static List<Grade> grade(List<Answer> answers, Supplier<Lab> lab, int parallel, Consumer<Grade> done,
            java.util.function.BiFunction<Supplier<Lab>, Answer, Grade> grader) {
        AtomicInteger worker = new AtomicInteger();
        ExecutorService graders = Executors.newFixedThreadPool(Math.max(1, parallel), task -> {
            Thread thread = new Thread(task, "grader-" + worker.incrementAndGet());
            thread.setDaemon(true); // a hung grading must not keep the JVM from ending
            return thread;
        });
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "grading-bound");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Grade>> grades = new ArrayList<>();
            for (Answer answer : answers) {
                CompletableFuture<Grade> grade = new CompletableFuture<>();
                grade.thenAccept(done);
                grades.add(grade);
                graders.execute(() -> {
                    Thread self = Thread.currentThread();
                    watch.schedule(() -> {
                        if (grade.complete(outOfTime(answer))) {
                            self.interrupt();
                        }
                    }, ANSWER_BOUND.toSeconds(), TimeUnit.SECONDS);
                    grade.complete(grader.apply(lab, answer));
                });
            }
            return grades.stream().map(CompletableFuture::join).toList();
        } finally {
            graders.shutdownNow();
            watch.shutdownNow();
        }
    }

    private static Grade outOfTime(Answer answer) {
        return AnswerGrader.guarded(answer, () -> {
            throw new IllegalStateException("its grading did not end within " + ANSWER_BOUND.toMinutes()
                    + " minutes, and was stopped");
        });
    }
}

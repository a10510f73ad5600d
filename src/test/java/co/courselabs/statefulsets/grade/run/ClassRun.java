package co.courselabs.statefulsets.grade.run;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.answer.AnswerFiles;
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
public final class ClassRun {

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
            answers.forEach(answer -> grades.add(new CompletableFuture<>()));
            for (int index : slowestFirst(answers)) {
                Answer answer = answers.get(index);
                CompletableFuture<Grade> grade = grades.get(index);
                grade.thenAccept(done);
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

    /**
     * The order to start the answers in: those with a probe first (a probe's tries and the stability
     * hold make them the slow ones, 30 to 60 s against 8 to 12), then the others as given. With the
     * slow ones started last, a class's grading would wait for them alone at its end; started first,
     * they run beside the quick ones. The grades keep the answers' own order.
     */
    public static List<Integer> slowestFirst(List<Answer> answers) {
        List<Integer> order = new ArrayList<>();
        for (boolean probed : new boolean[] {true, false}) {
            for (int i = 0; i < answers.size(); i++) {
                if (AnswerFiles.mentions(answers.get(i), PROBES) == probed) {
                    order.add(i);
                }
            }
        }
        return order;
    }

    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");

    private static Grade outOfTime(Answer answer) {
        return AnswerGrader.guarded(answer, () -> {
            throw new IllegalStateException("its grading did not end within " + ANSWER_BOUND.toMinutes()
                    + " minutes, and was stopped");
        });
    }
}

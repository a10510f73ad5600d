package co.courselabs.statefulsets.grade.run;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.report.ClassReport;
import co.courselabs.statefulsets.grade.report.GradeReport;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabExtension;
import co.courselabs.statefulsets.lab.LabHandle;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.spec.SpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code mvn verify -Dlab.solutions=DIR}: a class's answers, one sub-folder of DIR each (named by
 * the student), graded one after another on one cluster, each as a single answer would be (the
 * safety gate first; the starting point applied, and everything of the answer removed, around each
 * one). Each answer's reports go to {@code class/<name>/}, the class's to {@code class/}. An answer
 * that breaks the grader is marked as not graded, and the run goes on.
 */
@ExtendWith(LabExtension.class)
@DisplayName("Grade a class's answers")
class ClassGradeIT {

    @TestFactory
    @DisplayName("every answer gets a grade")
    Stream<DynamicTest> everyAnswerIsGraded(LabHandle lab) {
        GradeReport.rubricOrStop(Lab.REPORT_DIR);
        ClassSettings settings = ClassSettings.fromSystem();
        List<Answer> answers = answers(settings.answers()).stream().map(a -> new Answer(a, settings.answers())).toList();
        Path reports = Lab.REPORT_DIR.resolve("class");
        Progress.say("grading " + answers.size() + " answers, " + settings.parallel() + " at a time");
        Instant start = Instant.now();
        AtomicInteger graded = new AtomicInteger();
        List<Grade> grades = ClassRun.grade(answers, lab::get, settings.parallel(), grade -> Progress.say(String.format(
                Locale.ROOT, "answer %d/%d %s: %s %d/%d in %.1fs", graded.incrementAndGet(), answers.size(),
                grade.folder().getFileName(), grade.status().id(), grade.score(), grade.maxScore(),
                grade.took() == null ? 0.0 : grade.took().toMillis() / 1000.0)));
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        List<ClassReport.Row> rows = new ArrayList<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            String name = answers.get(i).name();
            Grade grade = grades.get(i);
            GradeReport.write(grade, reports.resolve(name));
            rows.add(ClassReport.row(name, reports.resolve(name).resolve("grade.json")));
            tests.add(DynamicTest.dynamicTest(name + ": " + grade.status().id() + ", " + grade.score() + "/"
                    + grade.maxScore(), () -> {
                        if (grade.status() == Grade.Status.ERROR) {
                            throw new AssertionError(name + " was not graded: " + grade.error());
                        }
                    }));
        }
        ClassReport.write(rows, reports, seconds);
        Progress.say(String.format(Locale.ROOT, "the class: %d answers in %.0f s, %d at a time; JVM heap at its"
                + " peak %d MiB; the class report: %s", answers.size(), seconds, settings.parallel(), peakHeapMiB(),
                SpecException.display(reports.resolve("class.md"))));
        return tests.stream();
    }

    /** The most heap the JVM's pools have held (each pool's peak, summed: a bound on the true peak). */
    private static long peakHeapMiB() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }

    /**
     * The answers: every sub-folder of {@code dir}, by name, and every link and file there (never
     * followed or read as an answer: the grader refuses each as that answer's fault, so it is listed,
     * not silently left out).
     */
    private static List<Path> answers(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> answers = entries.filter(p -> Files.isSymbolicLink(p)
                    || Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    || Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            if (answers.isEmpty()) {
                throw new IllegalArgumentException(dir + " holds no answers: put each in a sub-folder named by its"
                        + " student");
            }
            return answers;
        } catch (IOException e) {
            throw new UncheckedIOException("-Dlab.solutions: cannot read " + dir, e);
        }
    }
}

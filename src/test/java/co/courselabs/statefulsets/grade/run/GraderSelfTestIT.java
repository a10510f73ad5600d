package co.courselabs.statefulsets.grade.run;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.answer.AnswerCase;
import co.courselabs.statefulsets.grade.answer.AnswerYaml;
import co.courselabs.statefulsets.grade.live.GradingNamespace;
import co.courselabs.statefulsets.grade.live.LiveGrader;
import co.courselabs.statefulsets.grade.report.GradeReport;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabExtension;
import co.courselabs.statefulsets.lab.LabHandle;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader's own answers, graded as a teacher's class is ({@link ClassRun}, four at a time, each
 * in a fenced namespace of its own): our right answers score full marks, our wrong ones fail the
 * criterion they get wrong with the cluster's reason, and every hostile answer gets the verdict its
 * {@code expected.yaml} says; refused ones reach no cluster, and nothing is left. This is the
 * grader's regression suite, not the lab's: {@code ./mvnw verify -Dlab.selftest}, always on this
 * project's own specs (its profile ignores {@code -Dlab.folder}), so a maintainer's run of the lab
 * never waits for it.
 */
@ExtendWith(LabExtension.class)
@DisplayName("The grader's own answers: right, wrong and hostile, graded four at a time as a class")
class GraderSelfTestIT {

    static final int PARALLEL = 4;

    @TestFactory
    @DisplayName("each answer gets its verdict, with the cluster's reason")
    Stream<DynamicTest> everyAnswerGetsItsVerdict(LabHandle handle, @TempDir Path classDir) {
        // our reference, our right and wrong answers that a cluster judges, and every hostile answer
        List<AnswerCase> cases = new ArrayList<>();
        cases.add(AnswerCase.reference());
        AnswerCase.all("solutions").filter(AnswerCase::live).forEach(cases::add);
        AnswerCase.all("hostile").forEach(cases::add);
        // a class's folder, as a teacher's holds one: a sub-folder per answer, links kept as links
        List<Answer> answers = cases.stream().map(c -> new Answer(copy(c.answer(), classDir.resolve(c.name())), classDir))
                .toList();
        Lab lab = handle.get();
        int pushed = lab.kube().created().history().size();
        Instant start = Instant.now();
        // every answer on the cluster, faults of the YAML or not: the cluster's reasons are what is tested
        List<Grade> grades = ClassRun.grade(answers, handle::get, PARALLEL, grade -> Progress.say(String.format(
                Locale.ROOT, "%s: %s %d/%d in %.1fs", grade.folder().getFileName(), grade.status().id(), grade.score(),
                grade.maxScore(), grade.took() == null ? 0.0 : grade.took().toMillis() / 1000.0)),
                (lab1, answer) -> AnswerGrader.guarded(answer, () -> LiveGrader.gradeOrError(lab1, AnswerYaml.read(answer))));
        Progress.say(String.format(Locale.ROOT, "the grader's %d answers, %d at a time: %.0f s", answers.size(),
                PARALLEL, Duration.between(start, Instant.now()).toMillis() / 1000.0));
        List<ObjectRef> history = lab.kube().created().history();
        List<ObjectRef> namespaces = history.subList(pushed, history.size()).stream()
                .filter(ref -> ref.kind().equals(ResourceKind.NAMESPACE)).toList();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            AnswerCase expected = cases.get(i);
            Grade grade = grades.get(i);
            GradeReport.write(grade, Lab.REPORT_DIR.resolve("selftest").resolve(expected.name()));
            tests.add(DynamicTest.dynamicTest(expected.name() + " (" + expected.about() + ")", () -> {
                expected.checkOnCluster(grade);
                if (expected.right()) {
                    assertThat(grade.score()).withFailMessage("%s should score full marks:%n%s", expected.name(),
                            GradeReport.summary(grade)).isEqualTo(grade.maxScore());
                }
                if (grade.status() == Grade.Status.REFUSED) {
                    String prefix = "grade-" + GradingNamespace.slug(expected.name(), 40) + "-";
                    assertThat(namespaces).as("namespaces made to grade %s, which the gate refused", expected.name())
                            .noneMatch(ns -> ns.name().startsWith(prefix));
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("nothing of the answers is left: every grading namespace gone or going", () -> {
            for (ObjectRef namespace : namespaces) {
                var left = lab.kube().objects().get(namespace);
                assertThat(left == null || left.getMetadata().getDeletionTimestamp() != null)
                        .as("%s, where an answer was graded, is gone or going", namespace).isTrue();
            }
        }));
        return tests.stream();
    }

    /** {@code from} copied to {@code to} as it is: a link stays a link, its target as written, never followed. */
    private static Path copy(Path from, Path to) {
        try {
            if (Files.isSymbolicLink(from)) {
                return Files.createSymbolicLink(to, Files.readSymbolicLink(from)); // as written: the grade quotes it
            }
            Files.createDirectories(to);
            try (Stream<Path> entries = Files.list(from)) {
                for (Path entry : entries.toList()) {
                    Path into = to.resolve(entry.getFileName().toString());
                    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(entry)) {
                        copy(entry, into);
                    } else {
                        Files.copy(entry, into);
                    }
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " into the class", e);
        }
    }
}

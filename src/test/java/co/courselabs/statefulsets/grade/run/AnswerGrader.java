package co.courselabs.statefulsets.grade.run;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.answer.AnswerYaml;
import co.courselabs.statefulsets.grade.answer.StaticGrader;
import co.courselabs.statefulsets.grade.live.LiveGrader;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One answer graded as {@code mvn verify -Dlab.solution} grades it (the YAML alone first; the
 * cluster only when the YAML shows no fault), whatever the answer does to the grader: anything
 * thrown while grading it, a {@link Error} too (a stack or the heap exhausted), ends that answer's
 * grade as an error with the reason, never the class's run.
 */
public final class AnswerGrader {

    private AnswerGrader() {
    }

    static Grade grade(Supplier<Lab> lab, Answer answer) {
        return guarded(answer, () -> {
            Instant start = Instant.now();
            AnswerYaml yaml = AnswerYaml.read(answer); // once: every grade below judges this reading
            Grade yamlOnly = StaticGrader.grade(yaml, LabSpecs.namespace(), false).grade();
            if (!yamlOnly.passed()) {
                yamlOnly.took(Duration.between(start, Instant.now()));
                return yamlOnly;
            }
            return LiveGrader.gradeOrError(lab, yaml);
        });
    }

    /** The grade {@code grading} makes, or an error grade that says what stopped it. */
    public static Grade guarded(Answer answer, Supplier<Grade> grading) {
        Instant start = Instant.now();
        try {
            return grading.get();
        } catch (RuntimeException | Error e) {
            Grade grade = new Grade(answer.folder(), true);
            grade.error("The grader failed on this answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); the other answers are not affected");
            grade.notRunOnCluster("the grader failed on this answer");
            for (Criterion criterion : Criterion.values()) {
                grade.notRun(criterion, "the grader failed on this answer");
            }
            grade.took(Duration.between(start, Instant.now()));
            return grade;
        }
    }
}

package co.courselabs.statefulsets.grade.run;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.CriterionTests;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.answer.StaticGrader;
import co.courselabs.statefulsets.grade.report.GradeReport;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.progress.Progress;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code mvn test -Dlab.solution=DIR}: the student's folder graded from its YAML alone, in seconds;
 * criteria only a cluster decides are reported as skipped.
 */
@DisplayName("Grade the solution to the exercise, without a cluster")
class StaticGradeTest {

    @TestFactory
    @DisplayName("the solution's YAML, criterion by criterion")
    Stream<DynamicTest> solutionYamlMeetsEachCriterion() {
        GradeReport.rubricOrStop(Lab.REPORT_DIR);
        Answer answer = Answer.toGrade();
        long start = System.nanoTime();
        Grade grade = AnswerGrader.guarded(answer, () -> StaticGrader.grade(answer, LabSpecs.namespace(), false).grade());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        GradeReport.write(grade, Lab.REPORT_DIR);
        Progress.say("static grading of " + answer.folder() + " took " + took.toMillis() + " ms");
        System.out.println(co.courselabs.statefulsets.progress.Escape.console(GradeReport.summary(grade)));
        return CriterionTests.of(grade);
    }
}

package co.courselabs.statefulsets.grade.run;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.CriterionTests;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.answer.AnswerYaml;
import co.courselabs.statefulsets.grade.live.LiveGrader;
import co.courselabs.statefulsets.grade.report.GradeReport;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabExtension;
import co.courselabs.statefulsets.lab.LabHandle;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code mvn verify -Dlab.solution=DIR}: the student's folder graded statically and on the cluster. */
@ExtendWith(LabExtension.class)
@DisplayName("Grade the solution to the exercise")
class GradeIT {

    @TestFactory
    @DisplayName("the solution, on the cluster, criterion by criterion")
    Stream<DynamicTest> solutionMeetsEachCriterion(LabHandle lab) {
        GradeReport.rubricOrStop(Lab.REPORT_DIR);
        Answer answer = Answer.toGrade();
        Grade grade = AnswerGrader.guarded(answer, () -> LiveGrader.gradeOrError(lab::get, AnswerYaml.read(answer)));
        GradeReport.write(grade, Lab.REPORT_DIR);
        System.out.println(co.courselabs.statefulsets.progress.Escape.console(GradeReport.summary(grade)));
        return CriterionTests.of(grade);
    }
}

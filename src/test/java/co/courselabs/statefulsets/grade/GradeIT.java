package co.courselabs.statefulsets.grade;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabExtension;
import co.courselabs.statefulsets.lab.LabSpecs;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code mvn verify -Dlab.solution=DIR}: the student's folder graded statically and on the cluster. */
@ExtendWith(LabExtension.class)
@DisplayName("Grade the solution to the exercise")
class GradeIT {

    @Test
    @DisplayName("the solution meets every criterion, on the cluster")
    void solutionPassesEveryCriterion() {
        Path folder = LabSpecs.solutionToGrade();
        Grade grade;
        try {
            grade = new LiveGrader(Lab.get()).grade(folder);
        } catch (RuntimeException e) {
            // the cluster could not be used: the report still says what the YAML shows, and why no more
            grade = StaticGrader.grade(folder, Lab.NAMESPACE, true).grade();
            grade.notRunOnCluster("the grader could not use the cluster: " + e.getMessage());
            GradeReport.write(grade, Lab.REPORT_DIR);
            throw e;
        }
        GradeReport.write(grade, Lab.REPORT_DIR);
        System.out.println(GradeReport.summary(grade));
        assertThat(grade.passed())
                .withFailMessage("%s%nReport: %s", GradeReport.summary(grade), Lab.REPORT_DIR.resolve("summary.md"))
                .isTrue();
    }
}

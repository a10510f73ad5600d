package co.courselabs.statefulsets.grade;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.diag.Progress;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabSpecs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code mvn test -Dlab.solution=DIR}: the student's folder graded from its YAML alone, in seconds. */
@DisplayName("Grade the solution to the exercise, without a cluster")
class StaticGradeTest {

    @Test
    @DisplayName("nothing in the solution's YAML fails a criterion")
    void solutionYamlPassesEveryStaticCheck() {
        Path folder = LabSpecs.solutionToGrade();
        long start = System.nanoTime();
        Grade grade = StaticGrader.grade(folder, Lab.NAMESPACE, false).grade();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        GradeReport.write(grade, Lab.REPORT_DIR);
        Progress.say("static grading of " + folder + " took " + took.toMillis() + " ms");
        System.out.println(GradeReport.summary(grade));
        assertThat(grade.passed())
                .withFailMessage("%s%nReport: %s", GradeReport.summary(grade), Lab.REPORT_DIR.resolve("summary.md"))
                .isTrue();
    }
}

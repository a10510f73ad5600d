package co.courselabs.statefulsets.grade;

import co.courselabs.statefulsets.k8s.RegistryUnavailable;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabExtension;
import co.courselabs.statefulsets.lab.LabSpecs;
import java.nio.file.Path;
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
    Stream<DynamicTest> solutionMeetsEachCriterion() {
        Path folder = LabSpecs.solutionToGrade();
        Grade grade = gradeOnCluster(folder);
        GradeReport.write(grade, Lab.REPORT_DIR);
        System.out.println(GradeReport.summary(grade));
        return CriterionTests.of(grade);
    }

    /**
     * Anything that stops the grader (no cluster, a cluster that cannot run the lab, objects of
     * somebody else's in the way, a fault of ours) is no verdict on the answer: the grade says so,
     * with what the YAML alone shows.
     */
    private static Grade gradeOnCluster(Path folder) {
        try {
            return new LiveGrader(Lab.get()).grade(folder);
        } catch (RuntimeException | AssertionError e) {
            Grade grade = StaticGrader.grade(folder, Lab.NAMESPACE, true).grade();
            grade.error(e instanceof RegistryUnavailable ? e.getMessage()
                    : "The grader could not use the cluster: " + e.getMessage());
            grade.notRunOnCluster("the grader could not use the cluster");
            return grade;
        }
    }
}

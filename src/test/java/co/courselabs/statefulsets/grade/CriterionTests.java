package co.courselabs.statefulsets.grade;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * A grade as JUnit tests, one per criterion and named with its points, so that tools which score
 * JUnit reports see each criterion, not one test for the whole answer.
 */
public final class CriterionTests {

    private CriterionTests() {
    }

    /** Fails at once, as an error rather than seven failures, when no grade could be made. */
    public static Stream<DynamicTest> of(Grade grade) {
        if (grade.status() == Grade.Status.ERROR) {
            throw new IllegalStateException("No grade could be made, through no fault of the answer: " + grade.error());
        }
        return grade.rubric().criteria().stream().map(criterion -> dynamicTest(grade.rubric().testName(criterion),
                () -> check(grade, criterion)));
    }

    private static void check(Grade grade, Criterion criterion) {
        Boolean passed = grade.passed(criterion);
        if (passed == null && !grade.isLive()) {
            Assumptions.abort("decided on a cluster (mvn verify): " + grade.message(criterion));
        }
        if (!Boolean.TRUE.equals(passed) && grade.passed()) {
            // the rubric lets the answer pass without it: shown, not failed, so the run's verdict is the grade's
            Assumptions.abort("not passed, but the answer passes by the rubric (" + grade.score() + " of "
                    + grade.maxScore() + " points): " + grade.feedback(criterion));
        }
        if (!Boolean.TRUE.equals(passed)) {
            throw new AssertionError(grade.rubric().testName(criterion) + ": " + grade.feedback(criterion));
        }
    }
}

package co.courselabs.statefulsets.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GradeTest {

    @Test
    @DisplayName("a cause heard by two checks is said once; two causes are both said")
    void sameFindingIsSaidOnce() {
        Grade grade = new Grade(Path.of("answer"), true);
        String quota = "StatefulSet simple-proxy cannot create its Pods: exceeded quota: grading-fence";
        grade.fail(Criterion.WORKS, quota); // the wait for the Pods
        grade.fail(Criterion.WORKS, quota); // the wait for their claims, which hears the same controller
        grade.fail(Criterion.WORKS, "simple-proxy-1: CrashLoopBackOff");

        assertThat(grade.findings(Criterion.WORKS)).extracting(Finding::message)
                .containsExactly(quota, "simple-proxy-1: CrashLoopBackOff");
    }
}

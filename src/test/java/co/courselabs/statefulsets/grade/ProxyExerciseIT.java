package co.courselabs.statefulsets.grade;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.k8s.Http;
import co.courselabs.statefulsets.k8s.ObjectRef;
import co.courselabs.statefulsets.k8s.Pods;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabScenario;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.lab.SimpleStatefulSet;
import co.courselabs.statefulsets.progress.Waits;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab's exercise, graded on the cluster: the reference solution scores full marks, and our
 * own wrong answers get the verdicts a student would. The proxy only reads from simple-statefulset,
 * so this runs beside the other readers of it.
 */
@LabScenario
@ResourceLock(value = SimpleStatefulSet.NAME, mode = ResourceAccessMode.READ)
@ResourceLock(StaticGrader.NAME) // the exercise's objects (simple-proxy...): one grading at a time
@DisplayName("Exercise: the proxy as a Parallel StatefulSet with a PVC per Pod")
class ProxyExerciseIT {

    private final Lab lab;

    ProxyExerciseIT(Lab lab) {
        this.lab = lab;
    }

    @Test
    @Order(1)
    @DisplayName("the starting point works: the proxy Deployment serves the simple-statefulset page on NodePort 30040")
    void startingPointServesThePage() {
        lab.simpleStatefulSet().awaitAllReady();
        List<ObjectRef> applied = lab.kube().applier().apply(LabSpecs.SIMPLE_PROXY);
        try {
            lab.pods().awaitAnyReady("app=simple-proxy", Pods.READY_TIMEOUT);
            String url = lab.kube().nodePortUrl(LabSpecs.ports().nodePort(StartingPoint.PROXY_SERVICE));
            Response page = Waits.forValue("the proxy on " + url + " to serve the page", Duration.ofSeconds(30),
                    () -> Http.to(url).get("/"), r -> r.statusCode() == 200);
            assertThat(page.asString()).as("the page the proxy serves").contains("I am simple-statefulset-");
            assertThat(page.header("X-Cache")).as("the proxy's X-Cache header").isIn("MISS", "HIT", "EXPIRED");
        } finally {
            lab.cleanup().removeApplied(applied);
        }
    }

    @TestFactory
    @Order(2)
    @DisplayName("the reference solution meets every criterion on the cluster")
    Stream<DynamicTest> referenceSolutionMeetsEveryCriterion() {
        Grade grade = new LiveGrader(lab).grade(LabSpecs.SOLUTION);
        GradeReport.write(grade, Lab.REPORT_DIR);
        return CriterionTests.of(grade);
    }

    /**
     * Fixture, the criterion it fails (null: any), and the reason given (null: it scores full marks).
     * Mistakes that the YAML alone shows are graded in StaticGraderTest; these need the cluster.
     */
    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("renamed", null, null),
                // the lab's own Services copied in, NodePort 30040 and a LoadBalancer: the grader's stand
                Arguments.of("copied-starting-point", null, null),
                Arguments.of("wrong-image", Criterion.WORKS, "ErrImagePull nginx:1.18-alpne"),
                Arguments.of("ordered-ready", Criterion.PARALLEL, "created one at a time"),
                Arguments.of("selector-mismatch", Criterion.YAML, "the API rejected StatefulSet/simple-proxy"),
                Arguments.of("missing-storageclass", Criterion.CACHE_CLAIM,
                        "ProvisioningFailed: storageclass.storage.k8s.io \"premium\" not found"),
                // the fence's quota refuses its Pods ("exceeded quota: grading-fence"), and the grade says whose quota
                Arguments.of("too-much-memory", Criterion.WORKS, "(the quota around a graded answer"),
                Arguments.of("missing-configmap", Criterion.WORKS, "configmap \"nginx-configmap\" not found"),
                Arguments.of("crash-command", Criterion.WORKS, "exit code 1"),
                Arguments.of("hostpath-cache", Criterion.SAFE, "hostPath"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    @Order(3)
    @DisplayName("a student's answer, graded on the cluster, gets its verdict and the cluster's reason")
    void answerGetsItsVerdict(String fixture, Criterion failing, String reason) {
        Path folder = LabSpecs.BASE.resolve("src/test/resources/solutions").resolve(fixture);
        Grade grade = new LiveGrader(lab).grade(folder);
        GradeReport.write(grade, Lab.REPORT_DIR.resolve("fixtures").resolve(fixture));
        String summary = GradeReport.summary(grade);
        if (reason == null) {
            assertThat(grade.score()).withFailMessage("%s", summary).isEqualTo(grade.maxScore());
            return;
        }
        assertThat(grade.passed()).withFailMessage("%s", summary).isFalse();
        if (failing != null) {
            assertThat(grade.passed(failing)).withFailMessage("%s", summary).isFalse();
            assertThat(grade.message(failing)).contains(reason);
        } else {
            assertThat(grade.allFindings()).withFailMessage("no finding says \"%s\":%n%s", reason, summary)
                    .anyMatch(f -> f.message().contains(reason));
        }
    }
}

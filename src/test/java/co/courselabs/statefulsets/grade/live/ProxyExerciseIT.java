package co.courselabs.statefulsets.grade.live;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.grade.CriterionTests;
import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.report.GradeReport;
import co.courselabs.statefulsets.k8s.Pods;
import co.courselabs.statefulsets.lab.Http;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabScenario;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.lab.SimpleStatefulSet;
import co.courselabs.statefulsets.progress.Waits;
import co.courselabs.statefulsets.spec.ObjectRef;
import io.restassured.response.Response;
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

/**
 * The lab's exercise on the cluster: the starting point works, and the reference solution (this
 * project's, or the lab folder's) scores full marks, graded as every answer is. The grader's own
 * right, wrong and hostile answers are the grader's self-tests ({@link GraderSelfTestIT}), not the
 * lab's. The proxy only reads from simple-statefulset, so this runs beside the other readers of it.
 */
@LabScenario
@ResourceLock(value = SimpleStatefulSet.NAME, mode = ResourceAccessMode.READ)
@ResourceLock(Exercise.PROXY) // the exercise's objects (simple-proxy...): one grading at a time
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
            String url = lab.kube().nodePortUrl(LabSpecs.ports().nodePort(Exercise.PROXY_SERVICE));
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
}

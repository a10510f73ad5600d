package co.courselabs.statefulsets.grade;

import static co.courselabs.statefulsets.grade.Criterion.CACHE_CLAIM;
import static co.courselabs.statefulsets.grade.Criterion.PARALLEL;
import static co.courselabs.statefulsets.grade.Criterion.SAFE;
import static co.courselabs.statefulsets.grade.Criterion.SERVICE;
import static co.courselabs.statefulsets.grade.Criterion.STATEFULSET;
import static co.courselabs.statefulsets.grade.Criterion.WORKS;
import static co.courselabs.statefulsets.grade.Criterion.YAML;
import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.lab.LabSpecs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The static grader against our own solutions, right and wrong: each gets the verdict and the message it deserves. */
class StaticGraderTest {

    static Path fixture(String name) {
        return LabSpecs.BASE.resolve("src/test/resources/solutions").resolve(name);
    }

    private static Grade grade(Path folder) {
        return StaticGrader.grade(folder, "default", false).grade();
    }

    @Test
    @DisplayName("the reference solution fails no static check, and leaves the cluster checks to a live run")
    void referenceSolutionPassesStatically() {
        Grade grade = grade(LabSpecs.SOLUTION);
        assertThat(grade.allFindings()).isEmpty();
        assertThat(grade.passed()).isTrue();
        assertThat(grade.passed(SAFE)).isTrue();
        assertThat(grade.passed(WORKS)).as("a live-only criterion in a static run").isNull();
        assertThat(grade.message(PARALLEL)).contains("podManagementPolicy: Parallel").contains("mvn verify");
    }

    @Test
    @DisplayName("a correct answer with other names (Service, claim template, replicas, files) fails no check")
    void renamedSolutionPassesStatically() {
        Grade grade = grade(fixture("renamed"));
        assertThat(grade.allFindings()).isEmpty();
        assertThat(grade.message(CACHE_CLAIM)).contains("nginx-cache");
        assertThat(grade.message(SERVICE)).contains("proxy-pods");
    }

    @Test
    @DisplayName("an answer that brings unchanged copies of the starting point's ConfigMap and Services fails no check")
    void copiedStartingPointPassesStatically() {
        Grade grade = grade(fixture("copied-starting-point"));
        assertThat(grade.allFindings()).isEmpty();
        assertThat(grade.passed(SAFE)).isTrue();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("still-deployment", STATEFULSET, "deployment.yaml:2: the folder still defines Deployment"
                        + " simple-proxy"),
                Arguments.of("still-deployment", STATEFULSET, "no StatefulSet named simple-proxy"),
                Arguments.of("ordered-ready", PARALLEL, "statefulset.yaml:10: podManagementPolicy is not set"),
                Arguments.of("emptydir-cache", CACHE_CLAIM, "statefulset.yaml:36: /cache is mounted from volume 'cache',"
                        + " an emptyDir"),
                Arguments.of("missing-service", SERVICE, "statefulset.yaml:14: serviceName is simple-proxy-internal, but"
                        + " the folder has no Service named simple-proxy-internal"),
                Arguments.of("yaml-typo", YAML, "statefulset.yaml:15: YAML error"),
                Arguments.of("hostpath-cache", SAFE, "statefulset.yaml:43: StatefulSet/simple-proxy mounts a hostPath volume"),
                Arguments.of("other-namespace", SAFE, "statefulset.yaml:7: StatefulSet/simple-proxy is in namespace"
                        + " kube-system"),
                Arguments.of("privileged", SAFE, "statefulset.yaml:26: container app of StatefulSet/simple-proxy is"
                        + " privileged"),
                Arguments.of("cluster-scoped", SAFE, "namespace.yaml:2: Namespace proxy is cluster-scoped"),
                // a node selector no node matches: where the Pods run is the grader's to choose
                Arguments.of("unschedulable", SAFE, "statefulset.yaml:21: StatefulSet/simple-proxy sets nodeSelector"),
                Arguments.of("wrong-image", WORKS, "statefulset.yaml:24: container app runs image nginx:1.18-alpne: It"
                        + " works is judged on the lab's proxy, nginx:1.18-alpine"),
                Arguments.of("missing-configmap", WORKS, "container app reads /etc/nginx from ConfigMap nginx-configmap,"
                        + " not from the lab's simple-proxy-configmap"),
                Arguments.of("crash-command", WORKS, "statefulset.yaml:24: container app sets command"));
    }

    @ParameterizedTest(name = "{0}: {1} fails with \"{2}\"")
    @MethodSource("mistakes")
    @DisplayName("each mistake fails its criterion, naming the file and line")
    void mistakeFailsItsCriterion(String fixture, Criterion criterion, String message) {
        Grade grade = grade(fixture(fixture));
        assertThat(grade.passed(criterion)).as("verdict on %s", criterion.id()).isFalse();
        assertThat(grade.message(criterion)).contains(message);
        assertThat(grade.passed()).as("the whole grade").isFalse();
    }

    @Test
    @DisplayName("a YAML error stops the other checks, which are reported as not run")
    void yamlErrorLeavesOtherCriteriaUnchecked() {
        Grade grade = grade(fixture("yaml-typo"));
        Arrays.stream(Criterion.values()).filter(c -> c != YAML)
                .forEach(c -> assertThat(grade.passed(c)).as(c.id()).isNull());
        assertThat(grade.message(SAFE)).startsWith("not checked: the folder's YAML must be read first");
    }

    @Test
    @DisplayName("mistakes only a cluster shows (a missing StorageClass, a rejected spec) pass the static checks")
    void clusterOnlyMistakesPassStatically() {
        assertThat(grade(fixture("missing-storageclass")).allFindings()).isEmpty();
        assertThat(grade(fixture("no-storage-request")).allFindings()).isEmpty();
    }

    @Test
    @DisplayName("a folder without YAML fails with a message that says so")
    void emptyFolderFails(@org.junit.jupiter.api.io.TempDir Path empty) {
        Grade grade = grade(empty);
        assertThat(grade.passed(YAML)).isFalse();
        assertThat(grade.message(YAML)).contains("no .yaml, .yml or .json files");
    }
}

package co.courselabs.statefulsets.grade.answer;

import static co.courselabs.statefulsets.grade.Criterion.CACHE_CLAIM;
import static co.courselabs.statefulsets.grade.Criterion.PARALLEL;
import static co.courselabs.statefulsets.grade.Criterion.SAFE;
import static co.courselabs.statefulsets.grade.Criterion.SERVICE;
import static co.courselabs.statefulsets.grade.Criterion.WORKS;
import static co.courselabs.statefulsets.grade.Criterion.YAML;
import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.lab.LabSpecs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The static grader against our own solutions, right and wrong: each gets the verdict and the message it deserves. */
class StaticGraderTest {

    static Path fixture(String name) {
        return AnswerCase.named("solutions", name).answer();
    }

    private static Grade grade(Path folder) {
        return StaticGrader.grade(folder, LabSpecs.namespace(), false).grade();
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

    static Stream<AnswerCase> solutions() {
        return AnswerCase.all("solutions");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solutions")
    @DisplayName("each of our answers gets, from its YAML alone, what its expected.yaml says: a mistake fails its"
            + " criterion naming the file and line; a right answer, or a mistake only a cluster shows, fails none")
    void eachAnswerGetsItsVerdict(AnswerCase answer) {
        answer.checkFromYaml(grade(answer.answer()));
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
    @DisplayName("a folder without YAML fails with a message that says so")
    void emptyFolderFails(@org.junit.jupiter.api.io.TempDir Path empty) {
        Grade grade = grade(empty);
        assertThat(grade.passed(YAML)).isFalse();
        assertThat(grade.message(YAML)).contains("no .yaml, .yml or .json files");
    }
}

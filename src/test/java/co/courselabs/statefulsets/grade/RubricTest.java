package co.courselabs.statefulsets.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.courselabs.statefulsets.settings.LabSettings;
import co.courselabs.statefulsets.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The rubric: what each criterion is worth, what passes, the teacher's words")
class RubricTest {

    private static final Path EXAMPLE = LabSettings.get().base().resolve("examples/rubric.yaml");

    @Test
    @DisplayName("the default rubric gives today's grades: 100 points, every criterion needed to pass")
    void theDefaultIsTodays() {
        Rubric rubric = Rubric.standard();
        assertThat(rubric.name()).isEqualTo("default");
        assertThat(rubric.total()).isEqualTo(100);
        assertThat(rubric.criteria()).containsExactly(Criterion.values());
        assertThat(Map.of("yaml", 10, "statefulset", 15, "parallel", 15, "cache-pvc", 20, "service", 10, "works", 20,
                "safe", 10)).allSatisfy((id, points) -> assertThat(rubric.points(Criterion.of(id).orElseThrow())).as(id)
                        .isEqualTo(points));
        assertThat(rubric.passScore()).isNull();
        assertThat(rubric.sha256()).hasSize(64);
        assertThat(rubric.testName(Criterion.YAML))
                .isEqualTo("yaml (10 points): The folder has YAML that parses, and the API accepts it");
    }

    @Test
    @DisplayName("a teacher's rubric is read over the default: what it leaves out keeps its points and title")
    void aTeachersRubricOverTheDefault() {
        Rubric rubric = Rubric.read(EXAMPLE);
        assertThat(rubric.name()).isEqualTo("rubric.yaml");
        assertThat(rubric.points(Criterion.PARALLEL)).isEqualTo(30);
        assertThat(rubric.hint(Criterion.PARALLEL)).contains("podManagementPolicy: Parallel");
        assertThat(rubric.required(Criterion.WORKS)).isTrue();
        assertThat(rubric.points(Criterion.WORKS)).isEqualTo(20);
        assertThat(rubric.title(Criterion.SERVICE)).isEqualTo(Rubric.standard().title(Criterion.SERVICE));
        assertThat(rubric.total()).isEqualTo(115);
        assertThat(rubric.passScore()).isEqualTo(70);
        assertThat(rubric.sha256()).isNotEqualTo(Rubric.standard().sha256());
    }

    @Test
    @DisplayName("with a pass score, the required criteria and the score decide; a criterion worth 0 is left out")
    void passScoreAndRequired(@TempDir Path dir) throws Exception {
        Rubric rubric = Rubric.read(Files.writeString(dir.resolve("r.yaml"),
                "criteria:\n  works: {required: true}\n  safe: {points: 0}\npass: {score: 60}\n"));
        assertThat(rubric.criteria()).doesNotContain(Criterion.SAFE);
        Function<Criterion, Boolean> allButParallel = c -> c != Criterion.PARALLEL;
        assertThat(rubric.passes(allButParallel, true)).as("75 of 90, works passed").isTrue();
        assertThat(rubric.passes(c -> c != Criterion.WORKS, true)).as("works is required").isFalse();
        assertThat(rubric.passes(c -> c == Criterion.YAML || c == Criterion.WORKS, true)).as("30 of 90").isFalse();
        assertThat(rubric.passes(c -> c == Criterion.SAFE ? Boolean.FALSE : null, false))
                .as("from the YAML alone, 60 still within reach, safe left out").isTrue();
        assertThat(Rubric.standard().passes(allButParallel, true)).as("the default: every criterion").isFalse();
    }

    /** Our rubrics the grader must refuse: each file says, in its first lines, the line and the words of its refusal. */
    static Stream<Path> refusedRubrics() throws IOException {
        try (Stream<Path> files = Files.list(LabSettings.get().base().resolve("src/test/resources/rubrics/refused"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRubrics")
    @DisplayName("a rubric the grader cannot use stops the run with one sentence naming the file, the line and what is wrong")
    void refused(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String says = lines.get(0).replaceFirst("^# says: ", "");
        String line = lines.get(1).replaceFirst("^# line: ", "");
        assertThatThrownBy(() -> Rubric.read(file)).isInstanceOf(RubricInvalid.class)
                .hasMessageStartingWith("The rubric " + SpecException.location(file, Integer.parseInt(line)) + ": ")
                .hasMessageContaining(says);
    }

}

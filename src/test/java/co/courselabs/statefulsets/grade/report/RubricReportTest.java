package co.courselabs.statefulsets.grade.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.CriterionTests;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.Rubric;
import co.courselabs.statefulsets.settings.LabSettings;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

@DisplayName("A teacher's rubric, everywhere a grade goes")
class RubricReportTest {

    /** The README's example: parallel counted double, It works required, a pass at 70 of 115, hints. */
    private static final Rubric TEACHERS = Rubric.read(LabSettings.get().base().resolve("examples/rubric.yaml"));

    /** A live grade in which every criterion passed but {@code failed}. */
    private static Grade liveGradeFailing(Criterion failed) {
        return liveGradeFailing(failed, TEACHERS);
    }

    private static Grade liveGradeFailing(Criterion failed, Rubric rubric) {
        Grade grade = new Grade(Path.of("solution"), true, rubric);
        for (Criterion criterion : Criterion.values()) {
            grade.seenOnCluster(criterion);
            if (criterion == failed) {
                grade.fail(criterion, new Finding(Path.of("solution/sts.yaml"), 9, criterion.id() + " is not right"));
            } else {
                grade.verified(criterion, "seen");
            }
        }
        return grade;
    }

    @Test
    @DisplayName("the points, the maximum and the pass rule are the rubric's: 85 of 115 passes, It works failed does not")
    void pointsAndPass() {
        Grade parallelFailed = liveGradeFailing(Criterion.PARALLEL);
        assertThat(parallelFailed.score()).isEqualTo(85);
        assertThat(parallelFailed.maxScore()).isEqualTo(115);
        assertThat(parallelFailed.passed()).as("85 >= 70, It works passed").isTrue();
        Grade worksFailed = liveGradeFailing(Criterion.WORKS);
        assertThat(worksFailed.score()).isEqualTo(95);
        assertThat(worksFailed.passed()).as("It works is required").isFalse();
        assertThat(liveGradeFailing(null).score()).as("a right answer: the rubric's maximum").isEqualTo(115);
        // the run's verdict is the grade's: a criterion the rubric lets the answer pass without is shown, not failed
        assertThatThrownBy(criterionTest(parallelFailed, "parallel").getExecutable()::execute)
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("passes by the rubric (85 of 115 points)");
        assertThatThrownBy(criterionTest(worksFailed, "works").getExecutable()::execute)
                .isInstanceOf(AssertionError.class).hasMessageContaining("works is not right");
    }

    private static DynamicTest criterionTest(Grade grade, String id) {
        return CriterionTests.of(grade).filter(t -> t.getDisplayName().startsWith(id + " (")).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("summary.md shows the rubric's titles and points, what passing takes, and the hint under a failed criterion")
    void summary() {
        String summary = GradeReport.summary(liveGradeFailing(Criterion.PARALLEL));
        assertThat(summary).contains("PASSED (85 / 115 points)")
                .contains("| ❌ | The Pods are created in parallel (podManagementPolicy: Parallel) | 0/30 |")
                .contains("<br>**Your teacher's hint:** Read the course notes on [Pod management policies]("
                        + "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#pod-management-policies)")
                .contains("(required) | 20/20 |")
                .contains("Passing takes 70 of the 115 points, with every required criterion passed.");
        assertThat(GradeReport.summary(liveGradeFailing(Criterion.SERVICE))).as("no hint given for service")
                .doesNotContain("Your teacher's hint");
    }

    @Test
    @DisplayName("grade.json records the rubric that made it (name and SHA-256), each criterion's points, required, hint")
    void gradeJson() {
        JsonObject json = JsonParser.parseString(GradeReport.json(liveGradeFailing(Criterion.PARALLEL))).getAsJsonObject();
        assertThat(json.get("maxScore").getAsInt()).isEqualTo(115);
        JsonObject rubric = json.getAsJsonObject("rubric");
        assertThat(rubric.get("name").getAsString()).isEqualTo("rubric.yaml");
        assertThat(rubric.get("sha256").getAsString()).isEqualTo(TEACHERS.sha256());
        assertThat(rubric.get("passScore").getAsInt()).isEqualTo(70);
        JsonObject parallel = json.getAsJsonArray("criteria").get(2).getAsJsonObject();
        assertThat(parallel.get("points").getAsInt()).isEqualTo(30);
        assertThat(parallel.get("hint").getAsString()).contains("podManagementPolicy: Parallel");
        JsonObject works = json.getAsJsonArray("criteria").get(5).getAsJsonObject();
        assertThat(works.get("required").getAsBoolean()).isTrue();
        assertThat(works.get("hint").isJsonNull()).as("a hint only under a failed criterion").isTrue();
    }

    @Test
    @DisplayName("Classroom 50's result.json, the action's outputs and JUnit's test names carry the rubric's points")
    void exports() {
        Grade grade = liveGradeFailing(Criterion.PARALLEL);
        JsonObject result = JsonParser.parseString(GradeExports.classroom50(grade,
                Classroom50.from(GradeReportTest.classroom50Env()).orElseThrow(), Instant.parse("2026-11-30T22:15:07Z"),
                Instant.parse("2026-12-01T10:00:00Z"))).getAsJsonObject();
        assertThat(result.get("score").getAsInt()).isEqualTo(85);
        assertThat(result.get("max-score").getAsInt()).isEqualTo(115);
        JsonObject parallel = result.getAsJsonArray("tests").get(2).getAsJsonObject();
        assertThat(parallel.get("test-name").getAsString()).startsWith("parallel (30 points): ");
        assertThat(parallel.get("max-score").getAsInt()).isEqualTo(30);
        assertThat(parallel.get("message").getAsString()).contains("Your teacher's hint: Read the course notes");
        assertThat(result.getAsJsonArray("tests")).allSatisfy(t -> assertThat(t.getAsJsonObject().get("max-score")
                .getAsInt()).isPositive());
        assertThat(GradeExports.outputs(grade)).contains("score=85\n").contains("max-score=115\n");
        assertThat(CriterionTests.of(grade).map(t -> t.getDisplayName()))
                .contains("parallel (30 points): The Pods are created in parallel (podManagementPolicy: Parallel)");
    }

    @Test
    @DisplayName("a criterion worth 0 points is left out of the total, the reports, result.json and the test names")
    void leftOut(@TempDir Path dir) throws Exception {
        Rubric noWorks = Rubric.read(Files.writeString(dir.resolve("no-works.yaml"), "criteria:\n  works: {points: 0}\n"));
        Grade grade = liveGradeFailing(Criterion.WORKS, noWorks);
        assertThat(grade.maxScore()).isEqualTo(80);
        assertThat(grade.passed()).as("every criterion that counts passed").isTrue();
        assertThat(GradeReport.summary(grade)).doesNotContain("It works").doesNotContain("works is not right");
        assertThat(JsonParser.parseString(GradeExports.classroom50(grade,
                Classroom50.from(GradeReportTest.classroom50Env()).orElseThrow(), Instant.now(), Instant.now()))
                .getAsJsonObject().getAsJsonArray("tests")).hasSize(6);
        assertThat(CriterionTests.of(grade)).hasSize(6);
    }
}

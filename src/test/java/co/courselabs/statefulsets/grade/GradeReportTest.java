package co.courselabs.statefulsets.grade;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradeReportTest {

    private static Grade sample() {
        Grade grade = new Grade(Path.of("solution"), false);
        grade.verified(Criterion.SAFE, "only Service, StatefulSet");
        grade.fail(Criterion.PARALLEL, new Finding(Path.of("solution/sts.yaml"), 9, "podManagementPolicy is OrderedReady"));
        grade.verified(Criterion.CACHE_CLAIM, "claim template 'cache' at /cache");
        return grade;
    }

    /** A live grade in which every criterion was seen on the cluster and passed. */
    private static Grade fullMarks() {
        Grade grade = new Grade(Path.of("solution"), true);
        for (Criterion criterion : Criterion.values()) {
            grade.verified(criterion, "seen");
            grade.seenOnCluster(criterion);
        }
        return grade;
    }

    @Test
    @DisplayName("grade.json has the agreed shape: schemaVersion, status, passed, score, maxScore, and per criterion"
            + " id, title, points, score, passed (null when not run) and message")
    void jsonShape() {
        JsonObject json = JsonParser.parseString(GradeReport.json(sample())).getAsJsonObject();
        assertThat(json.get("schemaVersion").getAsInt()).isEqualTo(2);
        assertThat(json.get("status").getAsString()).isEqualTo("graded");
        assertThat(json.get("passed").getAsBoolean()).isFalse();
        assertThat(json.get("score").getAsInt()).isEqualTo(Criterion.SAFE.points());
        assertThat(json.get("maxScore").getAsInt()).isEqualTo(100);
        assertThat(json.get("error").isJsonNull()).isTrue();
        JsonObject parallel = json.getAsJsonArray("criteria").get(2).getAsJsonObject();
        assertThat(parallel.get("id").getAsString()).isEqualTo("parallel");
        assertThat(parallel.get("points").getAsInt()).isEqualTo(15);
        assertThat(parallel.get("score").getAsInt()).isZero();
        assertThat(parallel.get("passed").getAsBoolean()).isFalse();
        assertThat(parallel.get("message").getAsString()).isEqualTo("solution/sts.yaml:9: podManagementPolicy is OrderedReady");
        JsonObject works = json.getAsJsonArray("criteria").get(5).getAsJsonObject();
        assertThat(works.get("passed").isJsonNull()).isTrue();
        JsonObject safe = json.getAsJsonArray("criteria").get(6).getAsJsonObject();
        assertThat(safe.get("score").getAsInt()).isEqualTo(10);
    }

    @Test
    @DisplayName("summary.md is a table a student reads first, with what to fix")
    void summary() {
        String md = GradeReport.summary(sample());
        assertThat(md).startsWith("# StatefulSets lab exercise: NOT YET (10 / 100 points so far; 75 are decided on a cluster)")
                .contains("| ❌ | The Pods are created in parallel (podManagementPolicy: Parallel) | 0/15 | solution/sts.yaml:9:")
                .contains("| ⏳ | It works")
                .contains("## What to fix\n\n1. solution/sts.yaml:9: podManagementPolicy is OrderedReady")
                .doesNotContain("not your answer's fault");
    }

    @Test
    @DisplayName("a grade that could not be made says so, is no pass, and is told apart from a failed answer")
    void errorIsNotTheStudentsFault() {
        Grade grade = fullMarks();
        grade.error("The grader could not use the cluster: connection refused");
        assertThat(grade.status()).isEqualTo(Grade.Status.ERROR);
        assertThat(grade.passed()).isFalse();
        assertThat(GradeReport.summary(grade)).startsWith("# StatefulSets lab exercise: NOT GRADED")
                .contains("**This is not your answer's fault.** The grader could not use the cluster: connection refused");
        JsonObject json = JsonParser.parseString(GradeReport.json(grade)).getAsJsonObject();
        assertThat(json.get("status").getAsString()).isEqualTo("error");
        assertThat(json.get("error").getAsString()).contains("connection refused");
    }

    @Test
    @DisplayName("a folder the safety gate refused is 'refused', and the summary says nothing reached the cluster")
    void refusedBySafetyGate() {
        Grade grade = sample();
        grade.fail(Criterion.SAFE, new Finding(Path.of("solution/sts.yaml"), 20, "hostPath volume 'cache'"));
        assertThat(grade.status()).isEqualTo(Grade.Status.REFUSED);
        assertThat(GradeReport.summary(grade)).startsWith("# StatefulSets lab exercise: REFUSED (0 / 100 points)")
                .contains("nothing of it was applied to the cluster");
    }

    @Test
    @DisplayName("annotations are GitHub workflow commands on the file and line, escaped")
    void annotations() {
        Grade grade = sample();
        grade.fail(Criterion.WORKS, "line one\nline two: 100%");
        assertThat(GradeReport.annotations(grade)).isEqualTo(
                "::error file=solution/sts.yaml,line=9,title=The Pods are created in parallel (podManagementPolicy%3A"
                        + " Parallel)::podManagementPolicy is OrderedReady\n"
                        + "::error title=It works%3A NodePort 30040 serves the site from the proxy's cache%2C kept in each"
                        + " Pod's /cache::line one%0Aline two: 100%25\n");
    }

    @Test
    @DisplayName("at most 10 annotations are written (GitHub drops the rest); the summary counts the others")
    void annotationsAreCappedAtTen() {
        Grade grade = sample();
        IntStream.range(0, 12).forEach(i -> grade.fail(Criterion.SERVICE, "fault " + i));
        assertThat(GradeReport.annotations(grade).lines()).hasSize(10);
        assertThat(GradeReport.summary(grade)).contains("The first 10 are marked on your files; 3 more are only listed here");
    }

    @Test
    @DisplayName("result.json is Classroom 50's: its schema, the score, and one scored test per criterion")
    void classroom50Result() {
        Map<String, String> env = Map.of("GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "class/ada",
                "GITHUB_SHA", "abc123", "ASSIGNMENT", "statefulsets");
        JsonObject json = JsonParser.parseString(GradeExports.classroom50(sample(), env,
                Instant.parse("2026-12-01T10:00:00.123Z"))).getAsJsonObject();
        assertThat(json.get("schema").getAsString()).isEqualTo("classroom50/result/v1");
        assertThat(json.get("assignment").getAsString()).isEqualTo("statefulsets");
        assertThat(json.get("commit").getAsString()).isEqualTo("https://github.com/class/ada/commit/abc123");
        assertThat(json.has("classroom")).as("a field Classroom 50's runner did not give").isFalse();
        assertThat(json.get("datetime").getAsString()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(json.get("score").getAsInt()).isEqualTo(10);
        assertThat(json.get("max-score").getAsInt()).isEqualTo(100);
        assertThat(json.getAsJsonArray("tests")).hasSize(7);
        JsonObject parallel = json.getAsJsonArray("tests").get(2).getAsJsonObject();
        assertThat(parallel.keySet()).containsExactly("test-name", "passed", "score", "max-score");
        assertThat(parallel.get("test-name").getAsString())
                .isEqualTo("parallel (15 points): The Pods are created in parallel (podManagementPolicy: Parallel)");
        assertThat(parallel.get("passed").getAsBoolean()).isFalse();
        assertThat(parallel.get("max-score").getAsInt()).isEqualTo(15);
    }

    @Test
    @DisplayName("the action's outputs: status, passed, score, max-score, and result as base64 JSON with a status per test")
    void actionOutputs() {
        String outputs = GradeExports.outputs(fullMarks());
        assertThat(outputs).startsWith("status=graded\npassed=true\nscore=100\nmax-score=100\nresult=");
        String encoded = outputs.lines().filter(l -> l.startsWith("result=")).findFirst().orElseThrow().substring(7);
        JsonObject result = JsonParser.parseString(new String(Base64.getDecoder().decode(encoded),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(result.get("version").getAsInt()).isEqualTo(1);
        assertThat(result.get("status").getAsString()).isEqualTo("pass");
        assertThat(result.get("max_score").getAsInt()).isEqualTo(100);
        assertThat(result.getAsJsonArray("tests").get(0).getAsJsonObject().get("status").getAsString()).isEqualTo("pass");

        Grade failed = sample();
        JsonObject failedResult = JsonParser.parseString(GradeExports.classroomResources(failed)).getAsJsonObject();
        JsonObject parallel = failedResult.getAsJsonArray("tests").get(2).getAsJsonObject();
        assertThat(parallel.get("status").getAsString()).isEqualTo("fail");
        assertThat(parallel.get("filename").getAsString()).isEqualTo("solution/sts.yaml");
        assertThat(parallel.get("line_no").getAsInt()).isEqualTo(9);

        Grade error = fullMarks();
        error.error("no Docker");
        assertThat(GradeExports.outputs(error)).startsWith("status=error\npassed=false\n");
        assertThat(JsonParser.parseString(GradeExports.classroomResources(error)).getAsJsonObject().get("status")
                .getAsString()).isEqualTo("error");
    }

    @Test
    @DisplayName("a grade that could not be made writes no result.json, so a collector records no score for it")
    void noClassroom50ResultForAnError(@TempDir Path dir) throws Exception {
        GradeReport.write(fullMarks(), dir);
        assertThat(dir.resolve("result.json")).exists();
        Grade error = fullMarks();
        error.error("no cluster");
        GradeReport.write(error, dir);
        assertThat(dir.resolve("result.json")).doesNotExist();
        assertThat(Files.readString(dir.resolve("outputs.env"))).startsWith("status=error\n");
        assertThat(dir.resolve("grade.json")).content().contains("\"status\": \"error\"");
    }
}

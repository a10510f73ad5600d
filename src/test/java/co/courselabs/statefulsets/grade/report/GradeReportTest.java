package co.courselabs.statefulsets.grade.report;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.Rubric;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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
        assertThat(json.get("score").getAsInt()).isEqualTo(Rubric.standard().points(Criterion.SAFE));
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
                        + "::error title=It works%3A the proxy's Service serves the site from the proxy's cache%2C kept in each"
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

    /** Classroom 50's runner's environment for ada's submission. */
    static Map<String, String> classroom50Env() {
        return Map.of("CLASSROOM", "k8s-2026", "ASSIGNMENT", "statefulsets", "SUBMISSION_TAG",
                "submit/20261201T100000Z-abc1234", "USERNAME", "ada", "MODE", "individual",
                "COMMIT_URL", "https://github.com/k8s-2026/k8s-2026-statefulsets-ada/commit/abc1234",
                "RELEASE_URL",
                "https://github.com/k8s-2026/k8s-2026-statefulsets-ada/releases/tag/submit%2F20261201T100000Z-abc1234");
    }

    @Test
    @DisplayName("result.json is Classroom 50's v1: the submission's identity, the commit's date, now, one scored test"
            + " per criterion")
    void classroom50Result() {
        Classroom50 identity = Classroom50.from(classroom50Env()).orElseThrow();
        JsonObject json = JsonParser.parseString(GradeExports.classroom50(sample(), identity,
                Instant.parse("2026-11-30T22:15:07Z"), Instant.parse("2026-12-01T10:00:00.123Z"))).getAsJsonObject();
        assertThat(json.keySet()).containsExactly("schema", "classroom", "assignment", "assignment_type", "owner",
                "submission", "commit", "release", "review", "datetime", "graded_at", "score", "max-score", "tests");
        assertThat(json.get("schema").getAsString()).isEqualTo("classroom50/result/v1");
        assertThat(json.get("owner").getAsString()).isEqualTo("ada");
        assertThat(json.get("assignment_type").getAsString()).isEqualTo("individual");
        assertThat(json.get("review").getAsString()).as("no review link: the commit's").isEqualTo(json.get("commit")
                .getAsString());
        assertThat(json.get("datetime").getAsString()).as("the commit's date").isEqualTo("2026-11-30T22:15:07Z");
        assertThat(json.get("graded_at").getAsString()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(json.get("score").getAsInt()).isEqualTo(10);
        assertThat(json.get("max-score").getAsInt()).isEqualTo(100);
        assertThat(json.getAsJsonArray("tests")).hasSize(7);
        JsonObject parallel = json.getAsJsonArray("tests").get(2).getAsJsonObject();
        assertThat(parallel.keySet()).containsExactly("test-name", "passed", "score", "max-score", "message");
        assertThat(parallel.get("test-name").getAsString())
                .isEqualTo("parallel (15 points): The Pods are created in parallel (podManagementPolicy: Parallel)");
        assertThat(parallel.get("passed").getAsBoolean()).isFalse();
        assertThat(parallel.get("max-score").getAsInt()).isEqualTo(15);
    }

    @Test
    @DisplayName("without the whole of Classroom 50's identity there is no identity (no result the gradebook would refuse);"
            + " the runner's ASSIGNMENT_TYPE (team too), else MODE group, makes the result's type")
    void classroom50Identity() {
        for (String missing : List.of("CLASSROOM", "ASSIGNMENT", "SUBMISSION_TAG", "USERNAME", "RELEASE_URL")) {
            Map<String, String> env = new java.util.HashMap<>(classroom50Env());
            env.remove(missing);
            assertThat(Classroom50.from(env)).as("without %s", missing).isEmpty();
        }
        Map<String, String> notASubmission = new java.util.HashMap<>(classroom50Env());
        notASubmission.put("SUBMISSION_TAG", "v1.0");
        assertThat(Classroom50.from(notASubmission)).as("a tag outside submit/").isEmpty();
        Map<String, String> group = new java.util.HashMap<>(classroom50Env());
        group.put("MODE", "group");
        assertThat(Classroom50.from(group).orElseThrow().assignmentType()).isEqualTo("group");
        group.remove("MODE");
        assertThat(Classroom50.from(group).orElseThrow().assignmentType()).isEqualTo("individual");
        group.put("ASSIGNMENT_TYPE", "team");   // the runner's own word wins over the job's MODE
        group.put("MODE", "group");
        assertThat(Classroom50.from(group).orElseThrow().assignmentType()).isEqualTo("team");
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
    @DisplayName("result.json is written with Classroom 50's identity and the graded commit's date; not without the"
            + " identity, nor for a grade that could not be made (a collector then records no score)")
    void classroom50ResultOnlyWhenItCanBeWhole(@TempDir Path dir) throws Exception {
        Path repository = Files.createDirectories(dir.resolve("repository/solution"));
        git(repository, "init", "-q");
        git(repository, "-c", "user.name=ada", "-c", "user.email=ada@example.com", "commit", "-q", "--allow-empty",
                "-m", "my answer");
        Grade graded = new Grade(repository, true);
        for (Criterion criterion : Criterion.values()) {
            graded.verified(criterion, "seen");
            graded.seenOnCluster(criterion);
        }
        Path reports = dir.resolve("report");
        Files.createDirectories(reports);
        GradeExports.write(graded, reports, classroom50Env());
        assertThat(reports.resolve("result.json")).content().contains("\"datetime\": \"2026-11-30T22:15:07Z\"")
                .contains("\"score\": 100");

        GradeExports.write(graded, reports, Map.of());
        assertThat(reports.resolve("result.json")).as("no Classroom 50 identity").doesNotExist();

        Grade error = new Grade(repository, true);
        error.error("no cluster");
        GradeExports.write(error, reports, classroom50Env());
        assertThat(reports.resolve("result.json")).as("no grade could be made").doesNotExist();
        GradeReport.write(error, reports);
        assertThat(Files.readString(reports.resolve("outputs.env"))).startsWith("status=error\n");
        assertThat(reports.resolve("grade.json")).content().contains("\"status\": \"error\"");
    }

    /** git in {@code dir}, its commits dated 2026-11-30T22:15:07Z. */
    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder git = new ProcessBuilder(command).inheritIO();
        git.environment().put("GIT_COMMITTER_DATE", "2026-11-30T22:15:07Z");
        git.environment().put("GIT_AUTHOR_DATE", "2026-11-30T22:15:07Z");
        assertThat(git.start().waitFor()).as("git %s", String.join(" ", args)).isZero();
    }
}

package co.courselabs.statefulsets.grade;

import co.courselabs.statefulsets.k8s.SpecException;
import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grade in the formats other grading tools read: Classroom 50's {@code result.json}, the
 * {@code result} output of the classroom-resources graders, and the step outputs of this
 * repository's GitHub action ({@code outputs.env}, {@code key=value} lines for {@code $GITHUB_OUTPUT}).
 */
final class GradeExports {

    static final String CLASSROOM50_SCHEMA = "classroom50/result/v1";
    /** Classroom 50's runner gives these; each is written when it is set. */
    private static final Map<String, String> CLASSROOM50_FROM_ENV = Map.of("classroom", "CLASSROOM",
            "assignment", "ASSIGNMENT", "submission", "SUBMISSION_TAG", "commit", "COMMIT_URL", "release", "RELEASE_URL",
            "review", "REVIEW_URL");

    private GradeExports() {
    }

    static void write(Grade grade, Path dir) throws IOException {
        Path result = dir.resolve("result.json");
        if (grade.status() == Grade.Status.ERROR) {
            // no score at all rather than a score the answer did not earn: a collector sees a missing result
            Files.deleteIfExists(result);
        } else {
            Files.writeString(result, classroom50(grade, System.getenv(), Instant.now()));
        }
        Files.writeString(dir.resolve("outputs.env"), outputs(grade));
    }

    /** {@code result.json} as Classroom 50's autograders write it: one test per criterion, scored. */
    static String classroom50(Grade grade, Map<String, String> env, Instant now) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", CLASSROOM50_SCHEMA);
        for (String field : List.of("classroom", "assignment", "submission", "commit", "release", "review")) {
            String value = env.get(CLASSROOM50_FROM_ENV.get(field));
            if (field.equals("commit") && blank(value) && !blank(env.get("GITHUB_SHA"))) {
                value = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/" + env.get("GITHUB_REPOSITORY")
                        + "/commit/" + env.get("GITHUB_SHA");
            }
            if (!blank(value)) {
                root.put(field, value);
            }
        }
        root.put("datetime", now.truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("score", grade.score());
        root.put("max-score", grade.maxScore());
        List<Map<String, Object>> tests = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("test-name", criterion.testName());
            test.put("passed", Boolean.TRUE.equals(grade.passed(criterion)));
            test.put("score", grade.score(criterion));
            test.put("max-score", criterion.points());
            tests.add(test);
        }
        root.put("tests", tests);
        return GradeReport.JSON.toJson(root) + "\n";
    }

    /** The classroom-resources graders' {@code result}: JSON with pass/fail/error per test. */
    static String classroomResources(Grade grade) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("status", grade.status() == Grade.Status.ERROR ? "error" : grade.passed() ? "pass" : "fail");
        root.put("max_score", grade.maxScore());
        List<Map<String, Object>> tests = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            Boolean passed = grade.passed(criterion);
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", criterion.testName());
            test.put("status", passed == null && grade.status() == Grade.Status.ERROR ? "error"
                    : Boolean.TRUE.equals(passed) ? "pass" : "fail");
            test.put("score", grade.score(criterion));
            test.put("max_score", criterion.points());
            test.put("message", grade.message(criterion));
            grade.findings(criterion).stream().filter(f -> f.file() != null).findFirst().ifPresent(f -> {
                test.put("filename", SpecException.display(f.file()));
                test.put("line_no", f.line());
            });
            tests.add(test);
        }
        root.put("tests", tests);
        return new Gson().toJson(root);
    }

    /** The action's outputs; {@code result} is base64, as the classroom-resources reporter reads it. */
    static String outputs(Grade grade) {
        return "status=" + grade.status().id() + "\n"
                + "passed=" + grade.passed() + "\n"
                + "score=" + grade.score() + "\n"
                + "max-score=" + grade.maxScore() + "\n"
                + "result=" + Base64.getEncoder().encodeToString(classroomResources(grade)
                        .getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

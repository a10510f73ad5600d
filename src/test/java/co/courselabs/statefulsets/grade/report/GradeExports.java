package co.courselabs.statefulsets.grade.report;

import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.spec.SpecException;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
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
import java.util.Optional;

/**
 * The grade in the formats other grading tools read: Classroom 50's {@code result.json}, the
 * {@code result} output of the classroom-resources graders, and the step outputs of this
 * repository's GitHub action ({@code outputs.env}, {@code key=value} lines for {@code $GITHUB_OUTPUT}).
 */
final class GradeExports {

    /** grade.json and the other files' JSON: indented, nulls kept, text as written (escaped where it is shown). */
    static final Gson JSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    private GradeExports() {
    }

    static void write(Grade grade, Path dir) throws IOException {
        write(grade, dir, System.getenv());
    }

    /** As above, with the environment Classroom 50's runner gives (its identity, when it is the runner). */
    static void write(Grade grade, Path dir, Map<String, String> env) throws IOException {
        Path result = dir.resolve("result.json");
        // no score at all rather than a score the answer did not earn (an error), nor a result the gradebook
        // would refuse (no Classroom 50 identity): a collector then sees a missing result
        Optional<String> classroom50 = grade.status() == Grade.Status.ERROR ? Optional.empty()
                : Classroom50.from(env).flatMap(identity -> GradedCommit.committerDate(grade.folder())
                        .map(submitted -> classroom50(grade, identity, submitted, Instant.now())));
        if (classroom50.isPresent()) {
            Files.writeString(result, classroom50.get());
        } else {
            Files.deleteIfExists(result);
        }
        Files.writeString(dir.resolve("outputs.env"), outputs(grade));
    }

    /**
     * {@code result.json} as Classroom 50's gradebook takes it ({@code classroom50/result/v1}): the
     * submission's identity, {@code datetime} the graded commit's committer date (the same at every
     * regrade), {@code graded_at} now, and one scored test per criterion with its message.
     */
    static String classroom50(Grade grade, Classroom50 identity, Instant submitted, Instant now) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", Classroom50.SCHEMA);
        root.put("classroom", identity.classroom());
        root.put("assignment", identity.assignment());
        root.put("assignment_type", identity.assignmentType());
        root.put("owner", identity.owner());
        root.put("submission", identity.submission());
        root.put("commit", identity.commit());
        root.put("release", identity.release());
        root.put("review", identity.review());
        root.put("datetime", submitted.truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("graded_at", now.truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("score", grade.score());
        root.put("max-score", grade.maxScore());
        List<Map<String, Object>> tests = new ArrayList<>();
        for (Criterion criterion : grade.rubric().criteria()) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("test-name", grade.rubric().testName(criterion));
            test.put("passed", Boolean.TRUE.equals(grade.passed(criterion)));
            test.put("score", grade.score(criterion));
            test.put("max-score", grade.rubric().points(criterion));
            test.put("message", grade.feedback(criterion));
            tests.add(test);
        }
        root.put("tests", tests);
        return JSON.toJson(root) + "\n";
    }

    /** The classroom-resources graders' {@code result}: JSON with pass/fail/error per test. */
    static String classroomResources(Grade grade) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("status", grade.status() == Grade.Status.ERROR ? "error" : grade.passed() ? "pass" : "fail");
        root.put("max_score", grade.maxScore());
        List<Map<String, Object>> tests = new ArrayList<>();
        for (Criterion criterion : grade.rubric().criteria()) {
            Boolean passed = grade.passed(criterion);
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", grade.rubric().testName(criterion));
            test.put("status", passed == null && grade.status() == Grade.Status.ERROR ? "error"
                    : Boolean.TRUE.equals(passed) ? "pass" : "fail");
            test.put("score", grade.score(criterion));
            test.put("max_score", grade.rubric().points(criterion));
            test.put("message", grade.feedback(criterion));
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

}

package co.courselabs.statefulsets.grade.answer;

import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.report.GradeReport;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.spec.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One of our answers to the exercise, a folder of {@code src/test/resources/<set>/<case>}: the answer
 * in {@code answer/} and, beside it in {@code expected.yaml}, what the grader must say of it. Both
 * sets are read here: {@code solutions} (our right and wrong answers) and {@code hostile} (answers
 * written to get past the grader). {@code expected.yaml} holds:
 * <pre>
 * about: what the answer is (a hostile one's threat, naming its issue and item)
 * status: graded | refused
 * criterion: the criterion that fails (left out: none does, a right answer)
 * says: [words that criterion's message must hold]
 * static: {criterion: ..., says: [...]}  # when the YAML alone shows less (or else) than a cluster does
 * live: false                            # when the self-tests need not grade it on a cluster
 * </pre>
 */
public record AnswerCase(String name, Path answer, String about, Verdict onCluster, Verdict fromYaml, boolean live) {

    static final Path RESOURCES = LabSpecs.BASE.resolve("src/test/resources");
    /** An expectation is a few lines. */
    private static final long EXPECTED_BYTES = 16 * 1024;

    /** What a grade must be: its status, the criterion that fails (null: none), what its message says. */
    record Verdict(Grade.Status status, Criterion failing, List<String> says) {
    }

    /** Every case of a set ({@code solutions}, {@code hostile}), by name. */
    public static Stream<AnswerCase> all(String set) {
        Path dir = RESOURCES.resolve(set);
        try (Stream<Path> cases = Files.list(dir)) {
            return cases.filter(Files::isDirectory).sorted().map(AnswerCase::read).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    public static AnswerCase named(String set, String name) {
        return read(RESOURCES.resolve(set).resolve(name));
    }

    /** Our reference solution: a right answer. */
    public static AnswerCase reference() {
        Verdict right = new Verdict(Grade.Status.GRADED, null, List.of());
        return new AnswerCase("reference", LabSpecs.SOLUTION, "the reference answer", right, right, true);
    }

    @SuppressWarnings("unchecked")
    private static AnswerCase read(Path dir) {
        Path file = dir.resolve("expected.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(dir + " has no expected.yaml: every case says what the grader must say of it");
        }
        Map<String, Object> expected = SpecReader.readMapping(file, EXPECTED_BYTES).content();
        Grade.Status status = Grade.Status.valueOf(String.valueOf(expected.get("status")).toUpperCase(Locale.ROOT));
        Verdict onCluster = verdict(file, status, expected);
        Verdict fromYaml = expected.get("static") instanceof Map<?, ?> yamlOnly
                ? verdict(file, status, (Map<String, Object>) yamlOnly) : onCluster;
        return new AnswerCase(dir.getFileName().toString(), dir.resolve("answer"), String.valueOf(expected.get("about")),
                onCluster, fromYaml, !Boolean.FALSE.equals(expected.get("live")));
    }

    @SuppressWarnings("unchecked")
    private static Verdict verdict(Path file, Grade.Status status, Map<String, Object> expected) {
        Object id = expected.get("criterion");
        Criterion failing = id == null || "none".equals(id) ? null : Criterion.of(String.valueOf(id))
                .orElseThrow(() -> new IllegalArgumentException(file + ": no criterion " + id));
        List<String> says = expected.get("says") == null ? List.of() : List.copyOf((List<String>) expected.get("says"));
        return new Verdict(status, failing, says);
    }

    /** A right answer: on a cluster, no criterion fails. */
    public boolean right() {
        return onCluster.failing() == null;
    }

    /** The grade the grader gave from the YAML alone agrees with what is expected; else an error that shows both. */
    void checkFromYaml(Grade grade) {
        check(fromYaml, grade);
    }

    /** The grade of a run on a cluster agrees with what is expected; else an error that shows both. */
    public void checkOnCluster(Grade grade) {
        check(onCluster, grade);
    }

    private void check(Verdict expected, Grade grade) {
        String summary = GradeReport.summary(grade);
        if (expected.failing() == null) {
            if (grade.status() != expected.status() || !grade.allFindings().isEmpty() || !grade.passed()) {
                throw new AssertionError(name + " (" + about + ") should be " + expected.status().id() + " with no"
                        + " criterion failed; it was " + grade.status().id() + ":\n" + summary);
            }
            return;
        }
        Criterion criterion = expected.failing();
        if (grade.status() != expected.status() || !Boolean.FALSE.equals(grade.passed(criterion)) || grade.passed()) {
            throw new AssertionError(name + " (" + about + ") should be " + expected.status().id() + " with "
                    + criterion.id() + " failed; it was " + grade.status().id() + ", " + criterion.id() + " "
                    + grade.passed(criterion) + ":\n" + summary);
        }
        String message = grade.message(criterion);
        for (String words : expected.says()) {
            if (!message.contains(words)) {
                throw new AssertionError(name + ": the " + criterion.id() + " message should say \"" + words + "\"; it"
                        + " says:\n" + message);
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

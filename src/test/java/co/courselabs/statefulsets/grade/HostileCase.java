package co.courselabs.statefulsets.grade;

import co.courselabs.statefulsets.lab.LabSpecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One of our hostile answers ({@code src/test/resources/hostile/<case>/answer}) and, beside it in
 * {@code expected.yaml}, what the grader must say of it: the status, the criterion that fails and
 * the words its message must hold, whether the grader reads the YAML alone or runs it on a cluster.
 */
record HostileCase(String name, Path answer, String threat, Grade.Status status, Criterion criterion,
        List<String> says) {

    static final Path DIR = LabSpecs.BASE.resolve("src/test/resources/hostile");

    /** Every case, by name. */
    static Stream<HostileCase> all() {
        try (Stream<Path> cases = Files.list(DIR)) {
            return cases.filter(c -> Files.isRegularFile(c.resolve("expected.yaml"))).sorted().map(HostileCase::read)
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIR, e);
        }
    }

    static HostileCase named(String name) {
        return read(DIR.resolve(name));
    }

    @SuppressWarnings("unchecked")
    private static HostileCase read(Path dir) {
        try {
            Map<String, Object> expected = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(dir.resolve("expected.yaml")));
            String criterion = String.valueOf(expected.get("criterion"));
            return new HostileCase(dir.getFileName().toString(), dir.resolve("answer"),
                    String.valueOf(expected.get("threat")),
                    Grade.Status.valueOf(String.valueOf(expected.get("status")).toUpperCase(java.util.Locale.ROOT)),
                    Arrays.stream(Criterion.values()).filter(c -> c.id().equals(criterion)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException(dir + ": no criterion " + criterion)),
                    List.copyOf((List<String>) expected.get("says")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("expected.yaml"), e);
        }
    }

    /** The grade agrees with what is expected; else an error that shows both. */
    void check(Grade grade) {
        String summary = GradeReport.summary(grade);
        if (grade.status() != status || !Boolean.FALSE.equals(grade.passed(criterion)) || grade.passed()) {
            throw new AssertionError(name + " (" + threat + ") should be " + status.id() + " with " + criterion.id()
                    + " failed; it was " + grade.status().id() + ", " + criterion.id() + " " + grade.passed(criterion)
                    + ":\n" + summary);
        }
        String message = grade.message(criterion);
        for (String words : says) {
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

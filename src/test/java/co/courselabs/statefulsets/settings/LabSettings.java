package co.courselabs.statefulsets.settings;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Every switch of a run, read once: the {@code -D} options Maven passes through ({@code lab.*}), the
 * project's folder, and the few environment variables the suite heeds. Nothing else reads a system
 * property; the values are kept as given and interpreted where they are used, so that a wrong one fails
 * only the run that needs it (a class run's {@code -Dlab.parallel} does not stop the lab suite).
 *
 * @param base the project's folder: Maven's {@code basedir}, else where the JVM started (an IDE)
 * @param labFolder {@code -Dlab.folder} as given: a course's lab folder to test (ignored by the self-tests)
 * @param selfTest {@code -Dlab.selftest}: the grader's self-tests, always on this project's own specs
 * @param report {@code -Dlab.report}: where the reports go (default target/lab-report)
 * @param resultsFile {@code -Dlab.results}: the scenarios' results as Markdown, in the report folder
 * @param solution {@code -Dlab.solution}: the answer to grade
 * @param solutionRoot {@code -Dlab.solution.root}: what the answer was handed in within
 * @param solutions {@code -Dlab.solutions}: a class's answers, one sub-folder each
 * @param grades {@code -Dlab.grades}: grades made elsewhere, to merge
 * @param parallel {@code -Dlab.parallel}: how many of a class's answers are graded at once
 * @param backend {@code -Dlab.cluster}: k3s or kubeconfig
 * @param k3sImage {@code -Dlab.k3s.image}
 * @param registryMirror {@code -Dlab.k3s.registryMirror}
 * @param kubeconfig {@code -Dlab.kubeconfig}, else the first file of {@code $KUBECONFIG}, else ~/.kube/config
 * @param nodeHost {@code -Dlab.nodeHost}: where the node's ports answer, when not the API server's host
 * @param ryukDisabled {@code TESTCONTAINERS_RYUK_DISABLED}: no Ryuk to pull
 * @param user who runs (the JVM's {@code user.name}), for the run's id
 * @param workspace {@code GITHUB_WORKSPACE}: a GitHub Actions run's repository, which file names are shown from
 * @param rubric {@code -Dlab.rubric}: a teacher's rubric (points, titles, what must pass, hints), else the default
 */
public record LabSettings(Path base, String labFolder, boolean selfTest, Path report, String resultsFile,
        String solution, String solutionRoot, String solutions, String grades, String parallel,
        String backend, String k3sImage, String registryMirror, Path kubeconfig, String nodeHost,
        boolean ryukDisabled, String user, Path workspace, String rubric) {

    private static LabSettings current;

    /** This run's settings, read from the JVM's properties and environment the first time they are asked for. */
    public static synchronized LabSettings get() {
        if (current == null) {
            current = from(System.getProperties(), System.getenv());
        }
        return current;
    }

    /** The settings that these properties and this environment give (tests give their own). */
    public static LabSettings from(Properties properties, Map<String, String> env) {
        Path base = Path.of(properties.getProperty("basedir", properties.getProperty("user.dir", ".")))
                .toAbsolutePath().normalize();
        String reportGiven = given(properties, "lab.report");
        return new LabSettings(base, given(properties, "lab.folder"), properties.getProperty("lab.selftest") != null,
                underProject(base, reportGiven == null ? "target/lab-report" : reportGiven),
                given(properties, "lab.results"), properties.getProperty("lab.solution"),
                given(properties, "lab.solution.root"), properties.getProperty("lab.solutions"),
                properties.getProperty("lab.grades"), properties.getProperty("lab.parallel"),
                given(properties, "lab.cluster"), given(properties, "lab.k3s.image"),
                given(properties, "lab.k3s.registryMirror"), kubeconfig(properties, env),
                given(properties, "lab.nodeHost"), Boolean.parseBoolean(env.get("TESTCONTAINERS_RYUK_DISABLED")),
                properties.getProperty("user.name", "someone"),
                env.get("GITHUB_WORKSPACE") == null || env.get("GITHUB_WORKSPACE").isBlank() ? null
                        : Path.of(env.get("GITHUB_WORKSPACE")).toAbsolutePath().normalize(),
                given(properties, "lab.rubric"));
    }

    /** The rule for every path a person gives: absolute as given, else under the project. */
    public Path underProject(String given) {
        return underProject(base, given);
    }

    /** The roots that file names are shown relative to: the Actions run's repository, then the project. */
    public Stream<Path> shownFrom() {
        return Stream.of(workspace, base).filter(Objects::nonNull);
    }

    /** This settings' cluster switches, checked (a wrong one fails here, naming the option). */
    public ClusterSettings cluster() {
        return ClusterSettings.from(this);
    }

    private static Path underProject(Path base, String given) {
        Path path = Path.of(given.strip());
        return (path.isAbsolute() ? path : base.resolve(path)).normalize();
    }

    private static Path kubeconfig(Properties properties, Map<String, String> env) {
        String explicit = given(properties, "lab.kubeconfig");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String fromEnv = env.get("KUBECONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.strip().split(File.pathSeparator)[0]);
        }
        return Path.of(properties.getProperty("user.home", ".")).resolve(".kube").resolve("config");
    }

    /** A property's value, stripped; null when it is not given or blank. */
    private static String given(Properties properties, String name) {
        String value = properties.getProperty(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}

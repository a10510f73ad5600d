package co.courselabs.statefulsets.progress;

import java.nio.file.Path;

/** Where a run's reports go: {@code -Dlab.report=DIR} (absolute, or relative to the project), else target/lab-report. */
public final class Reports {

    /** The project's folder: Maven's {@code basedir}, else where the JVM started (an IDE). */
    public static final Path BASE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    public static final Path DIR = dir(System.getProperty("lab.report"));

    private Reports() {
    }

    static Path dir(String given) {
        return BASE.resolve(given == null || given.isBlank() ? "target/lab-report" : given.strip()).normalize();
    }
}

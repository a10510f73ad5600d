package co.courselabs.statefulsets.progress;

import co.courselabs.statefulsets.settings.LabSettings;
import java.nio.file.Path;

/** Where a run's reports go: {@code -Dlab.report=DIR} (absolute, or relative to the project), else target/lab-report. */
public final class Reports {

    /** The project's folder: Maven's {@code basedir}, else where the JVM started (an IDE). */
    public static final Path BASE = LabSettings.get().base();
    public static final Path DIR = LabSettings.get().report();

    private Reports() {
    }
}

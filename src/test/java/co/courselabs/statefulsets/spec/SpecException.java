package co.courselabs.statefulsets.spec;

import co.courselabs.statefulsets.settings.LabSettings;
import java.nio.file.Path;

/** A spec that cannot be used, with the file and line a person should look at. */
public class SpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Path file;
    private final int line;

    public SpecException(Path file, int line, String message) {
        super(location(file, line) + ": " + message);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based; 0 when the problem is about the whole file. */
    public int line() {
        return line;
    }

    /** {@code specs/solution/statefulset.yaml:12}: the path as a person finds it, and the line. */
    public static String location(Path file, int line) {
        String shown = display(file);
        return line > 0 ? shown + ":" + line : shown;
    }

    /**
     * A path relative to where the person works: the repository of a GitHub Actions run, else this
     * project; other paths are shown whole.
     */
    public static String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return LabSettings.get().shownFrom().filter(absolute::startsWith).findFirst()
                .map(root -> root.relativize(absolute).toString()).orElse(file.toString());
    }
}

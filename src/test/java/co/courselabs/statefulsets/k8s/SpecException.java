package co.courselabs.statefulsets.k8s;

import java.nio.file.Path;

/** A spec that cannot be used, with the file and line a person should look at. */
public class SpecException extends RuntimeException {

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

    static String location(Path file, int line) {
        return line > 0 ? file + ":" + line : file.toString();
    }
}

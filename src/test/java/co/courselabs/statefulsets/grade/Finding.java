package co.courselabs.statefulsets.grade;

import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecException;
import java.nio.file.Path;

/** One thing wrong with a solution, with the file and line to look at when there is one. */
public record Finding(Path file, int line, String message) {

    public static Finding general(String message) {
        return new Finding(null, 0, message);
    }

    public static Finding at(SpecDocument document, String message, Object... path) {
        return new Finding(document.file(), document.lineOf(path), message);
    }

    public static Finding of(SpecException e) {
        String text = e.getMessage();
        String prefix = SpecException.location(e.file(), e.line()) + ": ";
        return new Finding(e.file(), e.line(), text.startsWith(prefix) ? text.substring(prefix.length()) : text);
    }

    /** {@code solution/statefulset.yaml:12: message}. */
    @Override
    public String toString() {
        return file == null ? message : SpecException.location(file, line) + ": " + message;
    }
}

package co.courselabs.statefulsets.spec;

import java.nio.file.Path;

/**
 * A spec that is refused rather than wrong: it is readable, but reading or sending it on could
 * cost the grader or the cluster more than an answer may (a YAML alias, too many objects, a file
 * too large). The grader reports it as its safety gate's refusal.
 */
public class SpecRefused extends SpecException {

    private static final long serialVersionUID = 1L;

    public SpecRefused(Path file, int line, String message) {
        super(file, line, message);
    }
}

package co.courselabs.statefulsets.grade;

/**
 * A rubric the grader cannot use: unknown criterion, points that are not a whole number of 0 or
 * more, nothing worth points, not YAML. The run stops at once on it; the sentence names the file, the
 * line and what is wrong, and needs no stack trace.
 */
public final class RubricInvalid extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RubricInvalid(String sentence) {
        super(sentence, null, false, false);
    }
}

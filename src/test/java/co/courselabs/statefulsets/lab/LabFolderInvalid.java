package co.courselabs.statefulsets.lab;

/**
 * The lab's specs are not where the suite looks for them; the message says what it looked for.
 * Like a cluster that cannot run the lab, it needs no stack trace: the sentence is the story.
 */
public final class LabFolderInvalid extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LabFolderInvalid(String sentence) {
        super(sentence, null, false, false);
    }
}

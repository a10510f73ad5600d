package co.courselabs.statefulsets.lab;

/**
 * The run's lab, kept in JUnit's root store (see {@link LabExtension}), not in a static: started
 * when the first test asks for it, ended when the whole run ends. A class that must turn a lab that
 * cannot start into an answer of its own (the grader) asks for the handle and starts it itself.
 */
public final class LabHandle implements AutoCloseable {

    private final Once<LabRun> run = new Once<>();

    /** The lab in its namespace, its run started on first use; a failure to start is remembered and thrown again. */
    public Lab get() {
        return run.get(LabRun::start).lab();
    }

    public boolean isStarted() {
        return run.isMade();
    }

    /** Ends the lab when the run ends, pass or fail. */
    @Override
    public void close() {
        if (isStarted()) {
            get().finish();
        }
    }
}

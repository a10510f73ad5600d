package co.courselabs.statefulsets.cluster;

/**
 * The run cannot have a cluster that can run the lab, for a reason its message says in a sentence
 * with what to do (no Docker, an image Docker cannot pull, no cluster DNS...). It carries no stack
 * trace: the sentence is the whole story, and a trace would bury it.
 */
public final class ClusterUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterUnavailable(String sentence) {
        super(sentence, null, false, false);
    }
}

package co.courselabs.statefulsets.k8s;

/**
 * The nodes had no room for what was being graded (full of other Pods' requests, or under
 * pressure): the machine's state, not the spec's, so it is not an AssertionError that a grade
 * would count against the answer. The grade is an error, to be made again.
 */
public final class NodeShortOfRoom extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NodeShortOfRoom(String message) {
        super(message);
    }
}

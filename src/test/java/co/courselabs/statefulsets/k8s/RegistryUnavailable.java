package co.courselabs.statefulsets.k8s;

/**
 * A Pod could not start because a registry kept refusing or failing its image's pull (a rate
 * limit, a network that failed) for as long as the wait lasted: the environment's fault, not the
 * spec's, so it is not an AssertionError a test or a grade would count against the spec.
 */
public final class RegistryUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailable(String message) {
        super(message);
    }
}

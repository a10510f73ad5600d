package co.courselabs.statefulsets.k8s;

import io.kubernetes.client.openapi.ApiClient;

/** A Kubernetes cluster the lab runs on, whichever backend provides it. */
public interface LabCluster extends AutoCloseable {

    /** A client for ordinary calls (bounded read timeout). */
    ApiClient apiClient();

    /** A client for watches and followed logs: reads may block as long as the stream lasts. */
    ApiClient streamingClient();

    /** {@code http://host:port} where a NodePort Service of the lab answers from the test's machine. */
    String nodePortUrl(int nodePort);

    /**
     * {@code http://host:port} of a LoadBalancer Service's port, given the address the cluster gave
     * it (k3s gives its node's; Docker Desktop gives localhost; many clusters give none).
     */
    String loadBalancerUrl(String ingress, int port);

    /** One line for the log: which cluster this is. */
    String describe();

    /** The tail of the cluster's own log, when the suite runs the cluster (k3s in Docker). */
    default java.util.Optional<String> ownLog(int lines) {
        return java.util.Optional.empty();
    }

    /** Whether the suite made this cluster (and may do anything to it) or was given a person's cluster. */
    boolean isThrowaway();

    @Override
    void close();
}

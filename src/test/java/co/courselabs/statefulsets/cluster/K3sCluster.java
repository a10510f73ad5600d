package co.courselabs.statefulsets.cluster;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/** A throwaway k3s cluster in Docker, started once for the whole run. */
public final class K3sCluster implements LabCluster {

    /** The lab's NodePorts: simple-statefulset-np, adminer-web-np, simple-proxy-np. */
    public static final List<Integer> NODE_PORTS = List.of(30010, 30020, 30040);
    /** The lab's LoadBalancer ports: k3s' service load balancer listens on them on its node. */
    public static final List<Integer> LOAD_BALANCER_PORTS = List.of(8010, 8020, 8040);

    static final String NO_DOCKER = "The default backend starts k3s in Docker, but Docker is not available here."
            + " Start Docker (or point DOCKER_HOST at a Docker engine), or run against a cluster you already have"
            + " with -Dlab.cluster=kubeconfig [-Dlab.kubeconfig=PATH].";

    private final K3sContainer container;
    private final ApiClient client;
    private final ApiClient streaming;

    private K3sCluster(K3sContainer container) throws IOException {
        this.container = container;
        this.client = Config.fromConfig(new StringReader(container.getKubeConfigYaml()));
        this.client.setReadTimeout(30_000);
        this.streaming = Config.fromConfig(new StringReader(container.getKubeConfigYaml()));
        this.streaming.setReadTimeout(0);
    }

    /** Starts k3s, or fails at once with what to do when there is no Docker. */
    public static K3sCluster start(String image) {
        return start(image, () -> DockerClientFactory.instance().isDockerAvailable());
    }

    static K3sCluster start(String image, BooleanSupplier dockerAvailable) {
        DockerImageName imageName = imageName(image);
        if (!dockerAvailable.getAsBoolean()) {
            throw new IllegalStateException(NO_DOCKER);
        }
        K3sContainer container = container(imageName);
        container.start();
        try {
            return new K3sCluster(container);
        } catch (IOException | RuntimeException e) {
            container.stop();
            throw new IllegalStateException("k3s started but its kubeconfig is unusable: " + e.getMessage(), e);
        }
    }

    /** The image to run; any mirror of rancher/k3s is accepted. */
    static DockerImageName imageName(String image) {
        return DockerImageName.parse(image).asCompatibleSubstituteFor("rancher/k3s");
    }

    /** The container as it will be started (its constructor asks Docker for the host name). */
    static K3sContainer container(DockerImageName image) {
        K3sContainer container = new K3sContainer(image);
        declareLabPorts(container::addExposedPorts);
        return container;
    }

    /** Ports are mapped when the container is created, so the lab's ports are declared before it starts. */
    static void declareLabPorts(IntConsumer expose) {
        NODE_PORTS.forEach(expose::accept);
        LOAD_BALANCER_PORTS.forEach(expose::accept);
    }

    @Override
    public ApiClient apiClient() {
        return client;
    }

    @Override
    public ApiClient streamingClient() {
        return streaming;
    }

    @Override
    public String nodePortUrl(int nodePort) {
        if (!NODE_PORTS.contains(nodePort)) {
            throw new IllegalArgumentException("NodePort " + nodePort + " is not mapped; k3s maps " + NODE_PORTS);
        }
        return "http://" + container.getHost() + ":" + container.getMappedPort(nodePort);
    }

    @Override
    public String loadBalancerUrl(String ingress, int port) {
        if (!LOAD_BALANCER_PORTS.contains(port)) {
            throw new IllegalArgumentException("port " + port + " is not mapped; k3s maps " + LOAD_BALANCER_PORTS);
        }
        // k3s' address is inside Docker's network; from here the port is reached through its mapping
        return "http://" + container.getHost() + ":" + container.getMappedPort(port);
    }

    @Override
    public String describe() {
        return "k3s in Docker (" + container.getDockerImageName() + ")";
    }

    @Override
    public boolean isThrowaway() {
        return true;
    }

    @Override
    public void close() {
        container.stop();
    }
}

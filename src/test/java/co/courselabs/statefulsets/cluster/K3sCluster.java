package co.courselabs.statefulsets.cluster;

import co.courselabs.statefulsets.k8s.LabCluster;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.settings.ClusterSettings;
import co.courselabs.statefulsets.settings.LabSettings;
import co.courselabs.statefulsets.spec.ServicePorts;
import com.github.dockerjava.api.DockerClient;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;
import org.testcontainers.utility.TestcontainersConfiguration;

/** A throwaway k3s cluster in Docker, started once for the whole run. */
public final class K3sCluster implements LabCluster {

    /**
     * k3s logs its ready line after 20-25 s on a 2-core machine (the stand-in: 21-24 s); a cold or
     * busy CI runner may take a few times that. Pulling the image is not part of it (see PULL).
     */
    static final Duration START = Duration.ofMinutes(3);
    /** A pull that has not finished by then is not going to help this run. */
    static final Duration PULL = Duration.ofMinutes(3);
    /** Add-ons the lab does not use: each is an image pull and a Pod less (traefik is off already). */
    static final String DISABLED_ADDONS = "--disable=traefik,metrics-server";
    static final String REGISTRIES_YAML = "/etc/rancher/k3s/registries.yaml";
    /**
     * Processes (threads too) a Pod may hold: an nginx proxy runs a handful, and a Pod that forks
     * without end stops there, not at the node's limit, where the Pods of other answers would fail.
     */
    static final int POD_MAX_PIDS = 1024;
    /** The same bound on the whole k3s container, its own components included: the Docker host's is not ours to use up. */
    static final long CONTAINER_MAX_PIDS = 16_384;
    private static final Pattern K3S_MINOR = Pattern.compile("^v?1\\.(\\d+)");

    static final String NO_DOCKER = "The default backend starts k3s in Docker, but Docker is not available here."
            + " Start Docker (or point DOCKER_HOST at a Docker engine), or run against a cluster you already have"
            + " with -Dlab.cluster=kubeconfig [-Dlab.kubeconfig=PATH].";

    private final K3sContainer container;
    private final ServicePorts ports;
    private final ApiClient client;
    private final ApiClient streaming;

    private K3sCluster(K3sContainer container, ServicePorts ports) throws IOException {
        this.container = container;
        this.ports = ports;
        this.client = Config.fromConfig(new StringReader(container.getKubeConfigYaml()));
        this.client.setReadTimeout(30_000);
        this.streaming = Config.fromConfig(new StringReader(container.getKubeConfigYaml()));
        this.streaming.setReadTimeout(0);
    }

    /**
     * Starts k3s, or fails in its first seconds with what to do: when there is no Docker, and when
     * Docker cannot have an image the run needs.
     */
    public static K3sCluster start(ClusterSettings settings, ServicePorts ports) {
        return start(settings, ports, K3sCluster::dockerTransport);
    }

    static K3sCluster start(ClusterSettings settings, ServicePorts ports, Supplier<TransportConfig> docker) {
        DockerImageName imageName = imageName(settings.k3sImage());
        TransportConfig transport;
        try {
            transport = docker.get();
        } catch (RuntimeException e) {
            throw new ClusterUnavailable(NO_DOCKER);
        }
        DockerClient dockerClient = DockerClientProviderStrategy.getClientForConfig(transport);
        // k3s is not worth pulling when the host cannot run it
        String cgroupProblem = cgroupProblem(imageName, dockerClient.infoCmd().exec().getCGroupVersion());
        // Before Testcontainers starts anything: its first container (Ryuk) is pulled with retries for minutes
        TestcontainersConfiguration config = TestcontainersConfiguration.getInstance();
        List<DockerImages.Needed> needed = DockerImages.needed(substituted(imageName),
                substituted(DockerImageName.parse(DockerImages.RYUK)),
                LabSettings.get().ryukDisabled(),
                substituted(DockerImageName.parse(DockerImages.CHECKS)), config.isDisableChecks());
        List<DockerImages.Missing> missing = DockerImages.missing(DockerImages.of(dockerClient),
                cgroupProblem == null ? needed : needed.subList(0, needed.size() - 1), PULL);
        if (!missing.isEmpty() || cgroupProblem != null) {
            throw new ClusterUnavailable("The default backend cannot start: " + String.join(" And ",
                    Stream.of(missing.isEmpty() ? null : DockerImages.sentence(missing), cgroupProblem)
                            .filter(Objects::nonNull).toList()));
        }
        K3sContainer container = container(imageName, settings.registryMirror(), ports);
        try {
            container.start();
        } catch (RuntimeException e) {
            K3sDiagnostics.startFailed(container, e);
            container.stop();
            throw new ClusterUnavailable("k3s did not start (" + imageName + "): " + e.getMessage()
                    + K3sDiagnostics.hint(container));
        }
        try {
            return new K3sCluster(container, ports);
        } catch (IOException | RuntimeException e) {
            container.stop();
            throw new IllegalStateException("k3s started but its kubeconfig is unusable: " + e.getMessage(), e);
        }
    }

    private static TransportConfig dockerTransport() {
        // the transport only: DockerClientFactory.client() would start Ryuk, which is checked first
        return DockerClientFactory.instance().getTransportConfig();
    }

    /**
     * Kubernetes 1.35's kubelet refuses cgroup v1 by default, so k3s from v1.35 never gets a Ready node
     * on such a host: said before anything is pulled, or null when the pair is fine.
     */
    static String cgroupProblem(DockerImageName image, String hostCgroupVersion) {
        Matcher version = K3S_MINOR.matcher(image.getVersionPart());
        if (!"1".equals(hostCgroupVersion) || !version.find() || Integer.parseInt(version.group(1)) < 35) {
            return null;
        }
        return image.asCanonicalNameString() + " cannot run here: Docker's host uses cgroup v1,"
                + " and the kubelet of k3s v1.35 and later refuses it (its node would never be Ready); the k3s versions"
                + " that took it are past their end of life. Use a Docker host with cgroup v2, or run against a cluster"
                + " you have with -Dlab.cluster=kubeconfig.";
    }

    /** The name Testcontainers will pull: its image name substitution applied (a Docker Hub mirror prefix). */
    private static String substituted(DockerImageName image) {
        return ImageNameSubstitutor.instance().apply(image).asCanonicalNameString();
    }

    /** The image to run; any mirror of rancher/k3s is accepted. */
    static DockerImageName imageName(String image) {
        return DockerImageName.parse(image).asCompatibleSubstituteFor("rancher/k3s");
    }

    /** The container as it will be started (its constructor asks Docker for the host name). */
    static K3sContainer container(DockerImageName image, String registryMirror, ServicePorts ports) {
        K3sContainer container = new K3sContainer(image);
        declareLabPorts(ports, container::addExposedPorts);
        container.setCommand(command(container.getHost()));
        container.withCreateContainerCmdModifier(K3sCluster::capProcesses);
        container.waitingFor(Wait.forLogMessage(".*Node controller sync successful.*", 1).withStartupTimeout(START));
        if (registryMirror != null) {
            container.withCopyToContainer(Transferable.of(registriesYaml(registryMirror)), REGISTRIES_YAML);
        }
        return container;
    }

    /** k3s' command line: the server without the add-ons the lab does not use, each Pod's processes capped. */
    static String[] command(String host) {
        return new String[] {"server", DISABLED_ADDONS, "--tls-san=" + host, "--kubelet-arg=pod-max-pids=" + POD_MAX_PIDS};
    }

    /** The k3s container's processes capped, as Docker creates it. */
    static void capProcesses(com.github.dockerjava.api.command.CreateContainerCmd create) {
        create.getHostConfig().withPidsLimit(CONTAINER_MAX_PIDS);
    }

    /** k3s' registries.yaml: Docker Hub's images (the lab's and k3s' own) pulled through the mirror. */
    static String registriesYaml(String mirror) {
        return "mirrors:\n  docker.io:\n    endpoint:\n      - \"" + mirror.replace("\"", "") + "\"\n";
    }

    /** Ports are mapped when the container is created, so the lab's ports are declared before it starts. */
    static void declareLabPorts(ServicePorts ports, IntConsumer expose) {
        ports.nodePorts().forEach(expose::accept);
        ports.loadBalancerPorts().forEach(expose::accept);
    }

    @Override
    public Optional<String> ownLog(int lines) {
        return Optional.of(K3sDiagnostics.tail(container.getLogs(), lines));
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
        if (!ports.nodePorts().contains(nodePort)) {
            throw new IllegalArgumentException("NodePort " + nodePort + " is not mapped; k3s maps " + ports.nodePorts());
        }
        return "http://" + container.getHost() + ":" + container.getMappedPort(nodePort);
    }

    @Override
    public String loadBalancerUrl(String ingress, int port) {
        if (!ports.loadBalancerPorts().contains(port)) {
            throw new IllegalArgumentException("port " + port + " is not mapped; k3s maps " + ports.loadBalancerPorts());
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
        Progress.say("stopping the k3s container");
        container.stop();
    }
}

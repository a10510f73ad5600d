package co.courselabs.statefulsets.cluster;

import co.courselabs.statefulsets.k8s.LabCluster;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAddress;
import io.kubernetes.client.util.Config;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A cluster somebody already has (Docker Desktop, kind, k3d, a classroom cluster), through a kubeconfig. */
public final class KubeconfigCluster implements LabCluster {

    private final Path kubeconfig;
    private final ApiClient client;
    private final ApiClient streaming;
    private final String nodeHost;

    private KubeconfigCluster(Path kubeconfig, ApiClient client, ApiClient streaming, String nodeHost) {
        this.kubeconfig = kubeconfig;
        this.client = client;
        this.streaming = streaming;
        this.nodeHost = nodeHost;
    }

    public static KubeconfigCluster connect(Path kubeconfig, String nodeHost) {
        if (!Files.isReadable(kubeconfig)) {
            throw new ClusterUnavailable("No kubeconfig at " + kubeconfig + ": give one with -Dlab.kubeconfig=PATH"
                    + " or $KUBECONFIG, or use the default k3s backend (needs Docker).");
        }
        try {
            ApiClient client = Config.fromConfig(kubeconfig.toString());
            client.setReadTimeout(30_000);
            ApiClient streaming = Config.fromConfig(kubeconfig.toString());
            streaming.setReadTimeout(0);
            return new KubeconfigCluster(kubeconfig, client, streaming,
                    nodeHost != null ? nodeHost : guessNodeHost(client));
        } catch (IOException e) {
            throw new ClusterUnavailable("Cannot use the kubeconfig " + kubeconfig + ": " + e.getMessage());
        }
    }

    /**
     * Where NodePorts answer: on the API server's host when that is this machine (Docker Desktop,
     * k3d, the lab cluster), else on a node's external or internal address. {@code -Dlab.nodeHost}
     * overrides the guess.
     */
    private static String guessNodeHost(ApiClient client) {
        String apiHost = URI.create(client.getBasePath()).getHost();
        if (isLoopback(apiHost)) {
            return apiHost;
        }
        try {
            List<V1Node> nodes = new CoreV1Api(client).listNode().execute().getItems();
            for (String type : List.of("ExternalIP", "InternalIP")) {
                Optional<String> address = nodes.stream()
                        .flatMap(n -> n.getStatus().getAddresses().stream())
                        .filter(a -> type.equals(a.getType()))
                        .map(V1NodeAddress::getAddress)
                        .findFirst();
                if (address.isPresent()) {
                    return address.get();
                }
            }
        } catch (ApiException | RuntimeException e) {
            // fall through to the API host: the readiness check will say what is wrong with the cluster
        }
        return apiHost;
    }

    private static boolean isLoopback(String host) {
        try {
            return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
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
        String host = nodeHost.contains(":") ? "[" + nodeHost + "]" : nodeHost;
        return "http://" + host + ":" + nodePort;
    }

    @Override
    public String loadBalancerUrl(String ingress, int port) {
        return "http://" + (ingress.contains(":") ? "[" + ingress + "]" : ingress) + ":" + port;
    }

    @Override
    public String describe() {
        return "existing cluster " + client.getBasePath() + " (kubeconfig " + kubeconfig + ", NodePorts on " + nodeHost + ")";
    }

    @Override
    public boolean isThrowaway() {
        return false;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}

package co.courselabs.statefulsets.cluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The suite's switches, read from system properties (Maven passes {@code -D} options through):
 * {@code lab.cluster=k3s|kubeconfig}, {@code lab.k3s.image}, {@code lab.k3s.registryMirror},
 * {@code lab.kubeconfig}, {@code lab.nodeHost}.
 */
public record ClusterSettings(Backend backend, String k3sImage, String registryMirror, Path kubeconfig,
        String nodeHost) {

    public static final String DEFAULT_K3S_IMAGE = "rancher/k3s:v1.35.5-k3s1";

    public enum Backend { K3S, KUBECONFIG }

    public static ClusterSettings fromSystem() {
        return from(System.getProperties(), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static ClusterSettings from(Properties properties, Map<String, String> env, Path home) {
        String backend = blankToNull(properties.getProperty("lab.cluster"));
        Backend chosen;
        if (backend == null || backend.equals("k3s")) {
            chosen = Backend.K3S;
        } else if (backend.equals("kubeconfig")) {
            chosen = Backend.KUBECONFIG;
        } else {
            throw new IllegalArgumentException("-Dlab.cluster=" + backend + " is not a backend: use k3s (the default,"
                    + " needs Docker) or kubeconfig (an existing cluster)");
        }
        String image = blankToNull(properties.getProperty("lab.k3s.image"));
        String mirror = blankToNull(properties.getProperty("lab.k3s.registryMirror"));
        if (mirror != null && !mirror.matches("https?://[^\\s\"]+")) {
            throw new IllegalArgumentException("-Dlab.k3s.registryMirror=" + mirror + " is not a registry's address: give"
                    + " its URL, e.g. https://mirror.example.org");
        }
        return new ClusterSettings(chosen, image == null ? DEFAULT_K3S_IMAGE : image, mirror,
                kubeconfig(properties, env, home), blankToNull(properties.getProperty("lab.nodeHost")));
    }

    /** {@code -Dlab.kubeconfig}, else the first file of {@code $KUBECONFIG}, else {@code ~/.kube/config}. */
    private static Path kubeconfig(Properties properties, Map<String, String> env, Path home) {
        String explicit = blankToNull(properties.getProperty("lab.kubeconfig"));
        if (explicit != null) {
            return Path.of(explicit);
        }
        String fromEnv = blankToNull(env.get("KUBECONFIG"));
        if (fromEnv != null) {
            return Path.of(fromEnv.split(java.io.File.pathSeparator)[0]);
        }
        return home.resolve(".kube").resolve("config");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package co.courselabs.statefulsets.settings;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's switches, checked: {@code lab.cluster=k3s|kubeconfig}, {@code lab.k3s.image},
 * {@code lab.k3s.registryMirror}, {@code lab.kubeconfig}, {@code lab.nodeHost} (read in {@link LabSettings}).
 */
public record ClusterSettings(Backend backend, String k3sImage, String registryMirror, Path kubeconfig,
        String nodeHost) {

    /**
     * The newest patch of a supported Kubernetes minor that is not broken (k3s tags {@code v1.X.Y-k3sN};
     * the CI matrix runs v1.35, v1.36 and v1.37).
     */
    public static final String DEFAULT_K3S_IMAGE = "rancher/k3s:v1.36.5-k3s1";
    /** A k3s image tag: {@code v1.36.5-k3s1}, {@code v1.35.9-k3s2}, or a plain {@code v1.20.2}. */
    private static final Pattern K3S_TAG = Pattern.compile("v?1\\.(\\d+)\\.(\\d+)(-k3s\\d+)?");

    public enum Backend { K3S, KUBECONFIG }

    static ClusterSettings from(LabSettings settings) {
        String backend = settings.backend();
        Backend chosen;
        if (backend == null || backend.equals("k3s")) {
            chosen = Backend.K3S;
        } else if (backend.equals("kubeconfig")) {
            chosen = Backend.KUBECONFIG;
        } else {
            throw new IllegalArgumentException("-Dlab.cluster=" + backend + " is not a backend: use k3s (the default,"
                    + " needs Docker) or kubeconfig (an existing cluster)");
        }
        String image = settings.k3sImage();
        String mirror = settings.registryMirror();
        if (mirror != null && !mirror.matches("https?://[^\\s\"]+")) {
            throw new IllegalArgumentException("-Dlab.k3s.registryMirror=" + mirror + " is not a registry's address: give"
                    + " its URL, e.g. https://mirror.example.org");
        }
        if (image != null) {
            refuseBroken(image);
        }
        return new ClusterSettings(chosen, image == null ? DEFAULT_K3S_IMAGE : image, mirror, settings.kubeconfig(),
                settings.nodeHost());
    }

    /**
     * Kubernetes v1.35.0 to v1.35.3 create a Parallel StatefulSet's Pods one at a time
     * (kubernetes#137409, fixed in v1.35.4): the lab's exercise would fail on them for no fault of the lab.
     */
    static void refuseBroken(String image) {
        String tag = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        tag = tag.lastIndexOf(':') > tag.lastIndexOf('/') ? tag.substring(tag.lastIndexOf(':') + 1) : "";
        Matcher version = K3S_TAG.matcher(tag);
        if (version.matches() && version.group(1).equals("35") && Integer.parseInt(version.group(2)) < 4) {
            throw new IllegalArgumentException("-Dlab.k3s.image=" + image + " is Kubernetes v1.35." + version.group(2)
                    + ", whose StatefulSets create Parallel Pods one at a time (kubernetes#137409, fixed in v1.35.4): use"
                    + " rancher/k3s:v1.35.9-k3s1 or later, or the default " + DEFAULT_K3S_IMAGE);
        }
    }
}

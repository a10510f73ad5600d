package co.courselabs.statefulsets.cluster;

import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.progress.Waits;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the lab needs from any cluster before a scenario starts: a Ready node, cluster DNS (the
 * lab is about DNS names) and a default StorageClass (the claim templates name none).
 * A cluster without them fails the run in seconds with one sentence, not with a scenario timeout.
 */
public final class ClusterReadiness {

    private ClusterReadiness() {
    }

    /** Waits up to {@code patience} for a Ready node, cluster DNS and a default StorageClass; throws with what is missing. */
    public static void requireApi(Kube kube, Duration patience) {
        String[] missing = {null};
        if (!Waits.within("the cluster to have a Ready node, DNS and a default StorageClass", patience,
                () -> (missing[0] = missing(kube)) == null)) {
            throw new ClusterUnavailable("This cluster cannot run the lab: " + missing[0] + ".");
        }
    }

    /** Asks the cluster's DNS from a Pod in {@code namespace}; throws when Pods get no answer. */
    public static void requirePodDns(Kube kube) {
        String dns = new PodDnsCheck(kube).problem();
        if (dns != null) {
            throw new ClusterUnavailable("This cluster cannot run the lab: " + dns + ".");
        }
    }

    /** The first thing the lab needs that the cluster lacks, or null. */
    static String missing(Kube kube) {
        Kube system = kube.inNamespace("kube-system");
        try {
            List<V1Node> nodes = kube.nodes();
            if (nodes.stream().noneMatch(ClusterReadiness::isReady)) {
                return nodes.isEmpty() ? "it has no nodes" : "none of its nodes is Ready";
            }
            if (system.service("kube-dns") == null) {
                return "it has no cluster DNS (no Service kube-system/kube-dns), so the lab's DNS names cannot resolve";
            }
            if (system.readyEndpointIps("kube-dns").isEmpty()) {
                return "its cluster DNS (kube-system/kube-dns) has no ready endpoint";
            }
            boolean defaultClass = kube.storageClasses().stream()
                    .map(sc -> sc.getMetadata().getAnnotations())
                    .filter(Objects::nonNull)
                    .anyMatch(ClusterReadiness::isDefaultClass);
            if (!defaultClass) {
                return "it has no default StorageClass, so the lab's PVCs (which name no class) would stay Pending";
            }
            return null;
        } catch (ApiException e) {
            if (e.getCode() == 0) {
                // no HTTP answer at all: the client's own cause says why (refused, unknown host, TLS)
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                return "its API at " + kube.client().getBasePath() + " cannot be reached (" + cause.getMessage() + ")";
            }
            return "its API answers " + e.getCode() + " " + e.getMessage() + (e.getCode() == 401 || e.getCode() == 403
                    ? " (the kubeconfig's user is not allowed in)" : "");
        } catch (RuntimeException e) {
            return "its API cannot be reached (" + e.getMessage() + ")";
        }
    }

    private static boolean isDefaultClass(Map<String, String> annotations) {
        return "true".equals(annotations.get("storageclass.kubernetes.io/is-default-class"))
                || "true".equals(annotations.get("storageclass.beta.kubernetes.io/is-default-class"));
    }

    private static boolean isReady(V1Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}

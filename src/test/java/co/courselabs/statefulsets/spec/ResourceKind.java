package co.courselabs.statefulsets.spec;

import io.kubernetes.client.Discovery;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where the API serves a kind: group, version, plural, and whether it lives in a namespace. */
public record ResourceKind(String group, String version, String kind, String plural, boolean namespaced) {

    public static final ResourceKind CONFIG_MAP = new ResourceKind("", "v1", "ConfigMap", "configmaps", true);
    public static final ResourceKind SECRET = new ResourceKind("", "v1", "Secret", "secrets", true);
    public static final ResourceKind SERVICE = new ResourceKind("", "v1", "Service", "services", true);
    public static final ResourceKind POD = new ResourceKind("", "v1", "Pod", "pods", true);
    public static final ResourceKind PVC = new ResourceKind("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims",
            true);
    public static final ResourceKind STATEFUL_SET = new ResourceKind("apps", "v1", "StatefulSet", "statefulsets", true);
    public static final ResourceKind DEPLOYMENT = new ResourceKind("apps", "v1", "Deployment", "deployments", true);
    public static final ResourceKind REPLICA_SET = new ResourceKind("apps", "v1", "ReplicaSet", "replicasets", true);
    public static final ResourceKind NAMESPACE = new ResourceKind("", "v1", "Namespace", "namespaces", false);

    // The kinds the lab and its exercise use, plus the cluster-scoped ones a gate must recognise;
    // anything else is looked up through API discovery.
    private static final List<ResourceKind> KNOWN = List.of(CONFIG_MAP, SECRET, SERVICE, POD, PVC,
            new ResourceKind("", "v1", "ServiceAccount", "serviceaccounts", true),
            new ResourceKind("", "v1", "Endpoints", "endpoints", true),
            new ResourceKind("", "v1", "ResourceQuota", "resourcequotas", true),
            new ResourceKind("", "v1", "LimitRange", "limitranges", true),
            new ResourceKind("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
            STATEFUL_SET, DEPLOYMENT, REPLICA_SET,
            new ResourceKind("apps", "v1", "DaemonSet", "daemonsets", true),
            NAMESPACE,
            new ResourceKind("", "v1", "Node", "nodes", false),
            new ResourceKind("", "v1", "PersistentVolume", "persistentvolumes", false),
            new ResourceKind("storage.k8s.io", "v1", "StorageClass", "storageclasses", false),
            new ResourceKind("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
            new ResourceKind("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
            new ResourceKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false),
            new ResourceKind("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
                    "validatingwebhookconfigurations", false),
            new ResourceKind("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
                    "mutatingwebhookconfigurations", false),
            new ResourceKind("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false));

    private static final Map<String, ResourceKind> DISCOVERED = new ConcurrentHashMap<>();

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** A kind this suite knows without asking a cluster, by apiVersion and kind. */
    public static Optional<ResourceKind> known(String apiVersion, String kind) {
        return KNOWN.stream().filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind)).findFirst();
    }

    /** The namespaced kinds this suite knows: what a namespace it made may hold. */
    public static List<ResourceKind> knownNamespaced() {
        return KNOWN.stream().filter(ResourceKind::namespaced).toList();
    }

    /** Any kind named so in the known table, whatever its version (for messages about cluster-scoped kinds). */
    public static Optional<ResourceKind> knownByKind(String kind) {
        return KNOWN.stream().filter(k -> k.kind().equals(kind)).findFirst();
    }

    public static ResourceKind of(String kind) {
        return knownByKind(kind).orElseThrow(() -> new IllegalArgumentException("unknown kind " + kind));
    }

    /** Known kinds first; others through API discovery, once per kind. */
    public static ResourceKind resolve(String apiVersion, String kind, ApiClient client) {
        Optional<ResourceKind> known = known(apiVersion, kind);
        if (known.isPresent()) {
            return known.get();
        }
        String key = apiVersion + "/" + kind;
        ResourceKind found = DISCOVERED.get(key);
        if (found != null) {
            return found;
        }
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        try {
            Set<Discovery.APIResource> resources = new Discovery(client).findAll();
            for (Discovery.APIResource resource : resources) {
                if (resource.getGroup().equals(group) && resource.getKind().equals(kind)
                        && resource.getVersions().contains(version)) {
                    found = new ResourceKind(group, version, kind, resource.getResourcePlural(),
                            resource.getNamespaced());
                    DISCOVERED.put(key, found);
                    return found;
                }
            }
        } catch (ApiException e) {
            throw new IllegalStateException("API discovery failed: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the cluster does not serve " + kind + " in " + apiVersion);
    }
}

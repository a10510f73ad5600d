package co.courselabs.statefulsets.k8s;

import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.progress.Waits;
import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.DeleteOptions;
import io.kubernetes.client.util.generic.options.ListOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Kind-independent get, list and delete, for cleanup and for objects a student may have named anything. */
public final class ClusterObjects {

    private final ApiClient client;
    private final Map<ResourceKind, DynamicKubernetesApi> apis = new ConcurrentHashMap<>();

    public ClusterObjects(ApiClient client) {
        this.client = client;
    }

    public DynamicKubernetesApi api(ResourceKind kind) {
        return apis.computeIfAbsent(kind, k -> new DynamicKubernetesApi(k.group(), k.version(), k.plural(), client));
    }

    public List<DynamicKubernetesObject> list(ResourceKind kind, String namespace, String labelSelector) {
        ListOptions options = new ListOptions();
        if (labelSelector != null) {
            options.labelSelector(labelSelector);
        }
        var response = kind.namespaced() ? api(kind).list(namespace, options) : api(kind).list(options);
        if (!response.isSuccess()) {
            throw new IllegalStateException("cannot list " + kind.plural() + ": " + message(response.getStatus()));
        }
        return response.getObject().getItems();
    }

    public List<ObjectRef> refs(ResourceKind kind, String namespace, String labelSelector) {
        return list(kind, namespace, labelSelector).stream()
                .map(o -> new ObjectRef(kind, namespace, o.getMetadata().getName()))
                .toList();
    }

    /** The object, or null when it does not exist. */
    public DynamicKubernetesObject get(ObjectRef ref) {
        KubernetesApiResponse<DynamicKubernetesObject> response = ref.kind().namespaced()
                ? api(ref.kind()).get(ref.namespace(), ref.name())
                : api(ref.kind()).get(ref.name());
        if (response.getHttpStatusCode() == 404) {
            return null;
        }
        if (!response.isSuccess()) {
            throw new IllegalStateException("cannot read " + ref + ": " + message(response.getStatus()));
        }
        return response.getObject();
    }

    /** A workload's Pod selector ({@code spec.selector.matchLabels}) as {@code app=simple-proxy}, or null. */
    public static String podSelector(DynamicKubernetesObject workload) {
        JsonObject spec = workload == null ? null : workload.getRaw().getAsJsonObject("spec");
        JsonObject selector = spec != null && spec.has("selector") ? spec.getAsJsonObject("selector") : null;
        JsonElement labels = selector != null ? selector.get("matchLabels") : null;
        if (labels == null || !labels.isJsonObject() || labels.getAsJsonObject().size() == 0) {
            return null;
        }
        return labels.getAsJsonObject().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().getAsString())
                .collect(Collectors.joining(","));
    }

    /** Deletes in the background (owned objects follow). Gone already is fine. */
    public void delete(ObjectRef ref) {
        delete(ref, null, "Background");
    }

    /**
     * Deletes with a propagation policy ({@code Background}, {@code Orphan}); a grace period, when
     * given, shortens a Pod's own (the database Pods would otherwise take their full 30 s).
     */
    public void delete(ObjectRef ref, Integer gracePeriodSeconds, String propagation) {
        DeleteOptions options = new DeleteOptions();
        options.setPropagationPolicy(propagation);
        options.setGracePeriodSeconds(gracePeriodSeconds == null ? null : gracePeriodSeconds.longValue());
        var response = ref.kind().namespaced() ? api(ref.kind()).delete(ref.namespace(), ref.name(), options)
                : api(ref.kind()).delete(ref.name(), options);
        // 404: gone already; 409: a namespace already on its way out
        if (!response.isSuccess() && response.getHttpStatusCode() != 404 && response.getHttpStatusCode() != 409) {
            throw new IllegalStateException("cannot delete " + ref + ": " + message(response.getStatus()));
        }
    }

    /**
     * Finalizers that Kubernetes itself adds and removes (a PVC's protection, foreground or orphan
     * deletion, a load balancer's cleanup); any other one on an object being deleted is nobody's to
     * clear and would hold the deletion for ever.
     */
    static boolean isKubernetesFinalizer(String finalizer) {
        return finalizer.equals("foregroundDeletion") || finalizer.equals("orphan")
                || finalizer.startsWith("kubernetes.io/") || finalizer.matches("[a-z0-9.-]+\\.kubernetes\\.io/.*");
    }

    /**
     * Lets an object being deleted go: removes every finalizer that is not Kubernetes' own (a
     * student's cannot pass the safety gate, but something on the cluster may add one). Returns what
     * it removed; a conflict (the object changed meanwhile) is left for the next look.
     */
    private List<String> release(ObjectRef ref, DynamicKubernetesObject object) {
        List<String> finalizers = object.getMetadata().getDeletionTimestamp() == null
                || object.getMetadata().getFinalizers() == null ? List.of() : object.getMetadata().getFinalizers();
        List<String> kept = finalizers.stream().filter(ClusterObjects::isKubernetesFinalizer).toList();
        if (kept.size() == finalizers.size()) {
            return List.of();
        }
        JsonArray list = new JsonArray();
        kept.forEach(list::add);
        JsonObject metadata = new JsonObject();
        metadata.add("finalizers", list);
        metadata.addProperty("resourceVersion", object.getMetadata().getResourceVersion());
        JsonObject body = new JsonObject();
        body.add("metadata", metadata);
        V1Patch patch = new V1Patch(body.toString());
        var response = ref.kind().namespaced()
                ? api(ref.kind()).patch(ref.namespace(), ref.name(), V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, patch)
                : api(ref.kind()).patch(ref.name(), V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, patch);
        if (!response.isSuccess() && response.getHttpStatusCode() != 404 && response.getHttpStatusCode() != 409) {
            throw new IllegalStateException("cannot release " + ref + " from its finalizers: "
                    + message(response.getStatus()));
        }
        return finalizers.stream().filter(f -> !isKubernetesFinalizer(f)).toList();
    }

    /**
     * Waits until none of the objects exists any more; a finalizer nobody clears, which would hold a
     * deletion until the bound, is removed at first sight (and said).
     */
    public void awaitGone(Collection<ObjectRef> refs, Duration timeout) {
        if (refs.isEmpty()) {
            return;
        }
        List<ObjectRef> left = new java.util.concurrent.CopyOnWriteArrayList<>(refs);
        Waits.until("deleted: " + shortList(refs), timeout, () -> "still there: " + shortList(left), () -> {
            for (ObjectRef ref : List.copyOf(left)) {
                DynamicKubernetesObject object = get(ref);
                if (object == null) {
                    left.remove(ref);
                } else {
                    List<String> released = release(ref, object);
                    if (!released.isEmpty()) {
                        Progress.say("removed the finalizers " + released + " that held " + ref);
                    }
                    if (ref.kind().equals(ResourceKind.NAMESPACE) && finalizersRemainInside(object)) {
                        releaseInside(ref.name());
                    }
                }
            }
            return left.isEmpty();
        });
    }

    /** The namespace controller's word that objects inside a namespace being deleted hold it by their finalizers. */
    private static boolean finalizersRemainInside(DynamicKubernetesObject namespace) {
        JsonObject status = namespace.getRaw().getAsJsonObject("status");
        JsonElement conditions = status == null ? null : status.get("conditions");
        if (conditions == null || !conditions.isJsonArray()) {
            return false;
        }
        for (JsonElement condition : conditions.getAsJsonArray()) {
            JsonObject c = condition.getAsJsonObject();
            if ("NamespaceFinalizersRemaining".equals(c.get("type").getAsString())
                    && "True".equals(c.get("status").getAsString())) {
                return true;
            }
        }
        return false;
    }

    /** Releases, in a namespace being deleted, every object of a kind this suite knows from finalizers not Kubernetes' own. */
    private void releaseInside(String namespace) {
        for (ResourceKind kind : ResourceKind.knownNamespaced()) {
            for (DynamicKubernetesObject object : list(kind, namespace, null)) {
                ObjectRef ref = new ObjectRef(kind, namespace, object.getMetadata().getName());
                List<String> released = release(ref, object);
                if (!released.isEmpty()) {
                    Progress.say("removed the finalizers " + released + " that held " + ref + " in namespace " + namespace);
                }
            }
        }
    }

    static String shortList(Collection<ObjectRef> refs) {
        List<String> names = refs.stream().map(ObjectRef::toString).toList();
        return names.size() <= 4 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 4)) + " and " + (names.size() - 4) + " more";
    }

    static String message(V1Status status) {
        return status == null ? "no status" : status.getMessage();
    }
}

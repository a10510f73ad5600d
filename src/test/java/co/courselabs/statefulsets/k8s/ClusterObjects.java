package co.courselabs.statefulsets.k8s;

import co.courselabs.statefulsets.progress.Waits;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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
        var response = api(kind).list(namespace, options);
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
        var response = api(ref.kind()).delete(ref.namespace(), ref.name(), options);
        if (!response.isSuccess() && response.getHttpStatusCode() != 404) {
            throw new IllegalStateException("cannot delete " + ref + ": " + message(response.getStatus()));
        }
    }

    /** Waits until none of the objects exists any more. */
    public void awaitGone(Collection<ObjectRef> refs, Duration timeout) {
        if (refs.isEmpty()) {
            return;
        }
        Waits.until("deleted: " + shortList(refs), timeout,
                () -> "still there: " + shortList(refs.stream().filter(ref -> get(ref) != null).toList()),
                () -> refs.stream().noneMatch(ref -> get(ref) != null));
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

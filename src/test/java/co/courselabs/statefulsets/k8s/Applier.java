package co.courselabs.statefulsets.k8s;

import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.progress.Waits;
import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecException;
import co.courselabs.statefulsets.spec.SpecReader;
import co.courselabs.statefulsets.spec.SpecRefused;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.PatchOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Applies specs like {@code kubectl apply --server-side -f}, and puts every object it applied on
 * the run's record ({@link CreatedObjects}), so that it can all be removed again, newest first. Every object is marked with
 * {@link #MARK} so that a later run can tell the suite's leftovers from a person's own objects.
 */
public final class Applier {

    public static final String FIELD_MANAGER = "statefulsets-lab-tests";
    public static final String MARK = "courselabs.co/created-by";
    public static final String MARK_VALUE = "statefulsets-lab-tests";
    /** Which run made the object: a later run removes only what a run that has ended left. */
    public static final String RUN = "courselabs.co/run";

    // Dependencies first, the way a person would apply them: what a Pod mounts or finds by DNS
    // exists before the Pod does, whatever the file order.
    private static final List<String> KIND_ORDER = List.of("Namespace", "ServiceAccount", "Secret", "ConfigMap",
            "PersistentVolumeClaim", "Service");

    private final ApiClient client;
    private final ClusterObjects objects;
    private final String namespace;
    private final String adopted;
    private final String runId;
    private static final Gson GSON = new Gson();
    private static final Duration PORT_RELEASE = Duration.ofSeconds(20);
    private final CreatedObjects created;
    private volatile boolean stopped;

    /**
     * Applies into {@code namespace}; a spec that names {@code adopted} (the lab's {@code default}, for
     * an answer graded in a namespace of its own) lands in {@code namespace} too.
     */
    Applier(ApiClient client, ClusterObjects objects, String namespace, String adopted, String runId,
            CreatedObjects created) {
        this.client = client;
        this.created = created;
        this.objects = objects;
        this.namespace = namespace;
        this.adopted = adopted;
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }

    public List<ObjectRef> apply(Path fileOrFolder) {
        return apply(SpecReader.read(fileOrFolder));
    }

    public List<ObjectRef> apply(List<SpecDocument> documents) {
        return apply(documents, true);
    }

    /**
     * Applies a stranger's objects (an answer's) as new ones: when an object of the same kind and
     * name exists already where one would go (the grader's, or one the cluster made, such as
     * {@code kube-root-ca.crt}), nothing is applied and a {@link SpecRefused} names it; and nothing is
     * forced over fields another manager owns. Server-side apply would otherwise patch that object
     * in place, as {@code kubectl apply --server-side --force-conflicts} does.
     */
    public List<ObjectRef> applyNew(List<SpecDocument> documents) {
        for (SpecDocument document : documents) {
            ObjectRef ref = refOf(document);
            DynamicKubernetesObject existing = objects.get(ref);
            if (existing != null) {
                String whose = isMarked(existing.getMetadata().getAnnotations()) ? "the grader's own"
                        : "made by the cluster or somebody else";
                throw new SpecRefused(document.file(), document.lineOf("metadata", "name"), document.ref() + " exists"
                        + " already in namespace " + ref.namespace() + " (" + whose + ", not the answer's): applying it"
                        + " would change that object in place, so the grader applies nothing; give the answer's own"
                        + " object a name of its own");
            }
        }
        return apply(documents, false);
    }

    private List<ObjectRef> apply(List<SpecDocument> documents, boolean force) {
        Instant start = Instant.now();
        List<SpecDocument> ordered = new ArrayList<>(documents);
        ordered.sort(Comparator.comparingInt(d -> rank(d.kind())));
        List<ObjectRef> refs = new ArrayList<>();
        boolean ok = false;
        try {
            for (SpecDocument document : ordered) {
                refs.add(applyOne(document, force));
            }
            ok = true;
            return refs;
        } finally {
            Progress.record("apply " + describe(documents), "apply", start, ok);
        }
    }

    /**
     * Refuses every later apply: the run is being cleaned up (at a Ctrl-C the tests still running
     * would otherwise create objects after the cleanup has looked).
     */
    public void stop() {
        stopped = true;
    }

    /** Where {@code document} goes: its kind as the cluster serves it, its namespace, its name. */
    private ObjectRef refOf(SpecDocument document) {
        ResourceKind kind;
        try {
            kind = ResourceKind.resolve(document.apiVersion(), document.kind(), client);
        } catch (IllegalArgumentException e) {
            throw new SpecException(document.file(), document.lineOf("kind"), e.getMessage());
        }
        String written = document.namespace();
        String ns = !kind.namespaced() ? null : written == null || written.equals(adopted) ? namespace : written;
        return new ObjectRef(kind, ns, document.name());
    }

    private ObjectRef applyOne(SpecDocument document, boolean force) {
        if (stopped) {
            throw new IllegalStateException("the run is stopping: " + document.ref() + " is not applied");
        }
        ObjectRef ref = refOf(document);
        ResourceKind kind = ref.kind();
        String ns = ref.namespace();
        JsonObject body = requestBody(document, ns, runId);
        PatchOptions options = new PatchOptions();
        options.setFieldManager(FIELD_MANAGER);
        options.setForce(force);
        V1Patch patch = new V1Patch(body.toString());
        Supplier<KubernetesApiResponse<DynamicKubernetesObject>> send = () -> kind.namespaced()
                ? objects.api(kind).patch(ns, ref.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, patch, options)
                : objects.api(kind).patch(ref.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, patch, options);
        var response = send.get();
        if (isPortStillHeld(ClusterObjects.message(response.getStatus()))) {
            response = afterPortRelease(document, send);
        }
        if (!response.isSuccess()) {
            throw new SpecException(document.file(), document.lineOf(), "the API rejected " + document.ref() + ": "
                    + ClusterObjects.message(response.getStatus()));
        }
        created.push(ref);
        return ref;
    }

    /**
     * Right after a Service is deleted, the API can still hold its node port for a moment (the port
     * is released after the Service is removed; seen on 1.20 when a grading re-applied the proxy's
     * NodePort Service): asks again until the port is free or {@link #PORT_RELEASE} is up.
     */
    private static KubernetesApiResponse<DynamicKubernetesObject> afterPortRelease(SpecDocument document,
            Supplier<KubernetesApiResponse<DynamicKubernetesObject>> send) {
        AtomicReference<KubernetesApiResponse<DynamicKubernetesObject>> last = new AtomicReference<>();
        // when the port stays held, another Service holds it: the last answer says so
        Waits.within(document.ref() + " applied once the API has released its node port", PORT_RELEASE, () -> {
            last.set(send.get());
            return !isPortStillHeld(ClusterObjects.message(last.get().getStatus()));
        });
        return last.get();
    }

    /**
     * The API's answer when a Service asks for a node port that is still allocated: lasting when
     * another Service has it, passing right after the Service holding it was deleted.
     */
    static boolean isPortStillHeld(String rejection) {
        return rejection != null && rejection.contains("provided port is already allocated");
    }

    /** The object as sent to the API: a copy of the document, in its namespace, marked as the suite's. */
    static JsonObject requestBody(SpecDocument document, String ns, String runId) {
        JsonObject body = GSON.toJsonTree(document.content()).getAsJsonObject();
        JsonObject metadata = body.getAsJsonObject("metadata");
        if (ns != null) {
            metadata.addProperty("namespace", ns);
        }
        annotate(metadata, runId);
        // PVCs made from claim templates outlive their StatefulSet: mark them too, so that a run
        // killed half-way leaves nothing the next run cannot recognise.
        JsonElement templates = body.has("spec") ? body.getAsJsonObject("spec").get("volumeClaimTemplates") : null;
        if (templates instanceof JsonArray array) {
            for (JsonElement template : array) {
                if (template instanceof JsonObject t) {
                    if (!t.has("metadata") || !t.get("metadata").isJsonObject()) {
                        t.add("metadata", new JsonObject());
                    }
                    annotate(t.getAsJsonObject("metadata"), runId);
                }
            }
        }
        defaultServicePortProtocols(body);
        return body;
    }

    private static void annotate(JsonObject metadata, String runId) {
        if (!metadata.has("annotations") || !metadata.get("annotations").isJsonObject()) {
            metadata.add("annotations", new JsonObject());
        }
        metadata.getAsJsonObject("annotations").addProperty(MARK, MARK_VALUE);
        metadata.getAsJsonObject("annotations").addProperty(RUN, runId);
    }

    /**
     * Kubernetes 1.20's server-side apply refuses Service ports without a protocol ("associative
     * list with keys has an element that omits key field protocol"); kubectl's client-side apply
     * never hit it. TCP is what the API would default anyway.
     */
    private static void defaultServicePortProtocols(JsonObject body) {
        if (!"Service".equals(body.has("kind") ? body.get("kind").getAsString() : null)
                || !(body.get("spec") instanceof JsonObject spec) || !(spec.get("ports") instanceof JsonArray ports)) {
            return;
        }
        for (JsonElement port : ports) {
            if (port instanceof JsonObject p && !p.has("protocol")) {
                p.addProperty("protocol", "TCP");
            }
        }
    }

    private static int rank(String kind) {
        int index = KIND_ORDER.indexOf(kind);
        return index < 0 ? KIND_ORDER.size() : index;
    }

    private static String describe(List<SpecDocument> documents) {
        return documents.stream().map(SpecDocument::file).distinct().map(Path::toString)
                .reduce((a, b) -> a + ", " + b).orElse("nothing");
    }

    public static boolean isMarked(Map<String, String> annotations) {
        return annotations != null && MARK_VALUE.equals(annotations.get(MARK));
    }
}

package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.cluster.ClusterUnavailable;
import co.courselabs.statefulsets.k8s.Applier;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.StatefulSetNames;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The start of a run: what a killed earlier run left behind (marked by the suite, or Pods it
 * orphaned) is removed; lab objects a person made stop the run, listed, untouched.
 */
public final class LabLeftovers {


    private final Kube kube;
    private final LabCleanup cleanup;

    public LabLeftovers(Kube kube, LabCleanup cleanup) {
        this.kube = kube;
        this.cleanup = cleanup;
    }

    /**
     * Before anything is applied: objects a killed earlier run left (they carry the suite's mark)
     * are removed; lab objects somebody else made stop the run, listed, with what to do.
     */
    public void preflight(List<SpecDocument> documents) {
        List<DynamicKubernetesObject> found = candidates(documents);
        List<String> foreign = new ArrayList<>();
        List<ObjectRef> leftovers = new ArrayList<>();
        List<ObjectRef> terminating = new ArrayList<>();
        for (DynamicKubernetesObject object : found) {
            ObjectRef ref = ref(object);
            V1ObjectMeta meta = object.getMetadata();
            switch (classify(meta.getAnnotations(), meta.getDeletionTimestamp() != null, isOrphanOf(object, documents),
                    kube.applier().runId(), Set.of())) {
                case ENDED_RUN -> leftovers.add(ref);
                case TERMINATING -> terminating.add(ref);
                case PERSON, LIVE_RUN -> foreign.add(ref.toString());
                case THIS_RUN -> { }
            }
        }
        if (!foreign.isEmpty()) {
            throw new ClusterUnavailable("This cluster already has StatefulSets-lab objects that this suite did not"
                    + " create, and the run would change or delete them: " + String.join(", ", foreign) + ". Remove them"
                    + " (kubectl delete svc,cm,secret,statefulset,deployment,pod -l " + LabCleanup.LAB_LABEL
                    + "; kubectl delete pvc NAME for the PVCs) or run against another cluster.");
        }
        leftovers.addAll(endedRunsNamespaces());
        if (!leftovers.isEmpty()) {
            Progress.say("removing what an interrupted earlier run left: " + leftovers);
            cleanup.remove(leftovers);
        }
        kube.objects().awaitGone(terminating, LabCleanup.GONE_TIMEOUT);
    }

    /**
     * The namespaces a run made to grade answers in (labelled as the lab's, marked with their run)
     * whose run has ended: this run holds the lab's Lease, so no other run is live. A namespace of
     * the lab's label that the suite did not make is a person's, and is not touched.
     */
    private List<ObjectRef> endedRunsNamespaces() {
        List<ObjectRef> ended = new ArrayList<>();
        for (DynamicKubernetesObject namespace : kube.objects().list(ResourceKind.NAMESPACE, null, LabCleanup.LAB_LABEL)) {
            V1ObjectMeta meta = namespace.getMetadata();
            if (classify(meta.getAnnotations(), meta.getDeletionTimestamp() != null, false, kube.applier().runId(),
                    Set.of()) == Owner.ENDED_RUN) {
                ended.add(new ObjectRef(ResourceKind.NAMESPACE, null, meta.getName()));
            }
        }
        return ended;
    }

    /** Whose an object found in the lab's namespace is, which decides whether a run may delete it. */
    enum Owner {
        /** made by this run: left to its own cleanup */
        THIS_RUN,
        /** made by a run that has ended without cleaning up (killed hard): a leftover, removed */
        ENDED_RUN,
        /** made by a run that is still going: never touched */
        LIVE_RUN,
        /** not made by the suite: a person's, never touched; the run stops and names it */
        PERSON,
        /** a person's object on its way out: waited for */
        TERMINATING
    }

    /**
     * Marked objects carry the run that made them; {@code liveRuns} are runs holding the namespace's
     * Lease. A Pod without an owner that the lab's workloads would adopt is what a run killed
     * between orphaning a StatefulSet's Pods and deleting them leaves.
     */
    static Owner classify(Map<String, String> annotations, boolean terminating, boolean orphanOfLab, String thisRun,
            Set<String> liveRuns) {
        if (Applier.isMarked(annotations)) {
            String run = annotations.get(Applier.RUN);
            if (thisRun.equals(run)) {
                return Owner.THIS_RUN;
            }
            return run != null && liveRuns.contains(run) ? Owner.LIVE_RUN : Owner.ENDED_RUN;
        }
        if (orphanOfLab) {
            return Owner.ENDED_RUN;
        }
        return terminating ? Owner.TERMINATING : Owner.PERSON;
    }

    /** Objects that would collide with the documents, or that the lab's cleanup would delete, that are not ours. */
    public List<String> foreignAmong(List<SpecDocument> documents) {
        return candidates(documents).stream()
                .filter(o -> !Applier.isMarked(o.getMetadata().getAnnotations()))
                .filter(o -> o.getMetadata().getDeletionTimestamp() == null)
                .filter(o -> names(documents).contains(key(ResourceKind.of(o.getKind()).kind(), o.getMetadata().getName()))
                        || claimNamePatterns(documents).stream().anyMatch(p -> o.getMetadata().getName().matches(p)))
                .map(o -> ref(o).toString())
                .toList();
    }

    private List<DynamicKubernetesObject> candidates(List<SpecDocument> documents) {
        Set<String> named = names(documents);
        List<String> claimPatterns = claimNamePatterns(documents);
        List<DynamicKubernetesObject> found = new ArrayList<>();
        Set<ResourceKind> kinds = new LinkedHashSet<>(LabCleanup.LAB_COMMAND_KINDS);
        kinds.add(ResourceKind.PVC);
        for (ResourceKind kind : kinds) {
            for (DynamicKubernetesObject object : kube.objects().list(kind, kube.namespace(), null)) {
                V1ObjectMeta meta = object.getMetadata();
                object.setKind(kind.kind());
                Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
                boolean labLabelled = LabCleanup.LAB_LABEL_VALUE.equals(labels.get(LabCleanup.LAB_LABEL_KEY))
                        && LabCleanup.LAB_COMMAND_KINDS.contains(kind);
                boolean sameName = named.contains(key(kind.kind(), meta.getName()));
                boolean labClaim = kind.equals(ResourceKind.PVC) && (Applier.isMarked(meta.getAnnotations())
                        || claimPatterns.stream().anyMatch(p -> meta.getName().matches(p)));
                if (labLabelled || sameName || labClaim || isOrphanOf(object, documents)) {
                    found.add(object);
                }
            }
        }
        return found;
    }

    /**
     * A Pod without an owner that a workload of the documents would adopt: what a run killed
     * between deleting a StatefulSet (orphaning its Pods) and deleting the Pods leaves. Left there,
     * the next StatefulSet would adopt it instead of creating its Pods in order.
     */
    private static boolean isOrphanOf(DynamicKubernetesObject object, List<SpecDocument> documents) {
        V1ObjectMeta meta = object.getMetadata();
        if (!"Pod".equals(object.getKind()) || (meta.getOwnerReferences() != null && !meta.getOwnerReferences().isEmpty())
                || meta.getLabels() == null) {
            return false;
        }
        return documents.stream()
                .filter(d -> d.kind().equals("StatefulSet") || d.kind().equals("Deployment"))
                .map(d -> SpecDocument.Values.map(d.content(), "spec", "selector", "matchLabels"))
                .filter(selector -> !selector.isEmpty())
                .anyMatch(selector -> selector.entrySet().stream()
                        .allMatch(e -> String.valueOf(e.getValue()).equals(meta.getLabels().get(e.getKey()))));
    }

    private static Set<String> names(List<SpecDocument> documents) {
        return documents.stream().map(d -> key(d.kind(), d.name())).collect(Collectors.toSet());
    }

    /** PVCs a StatefulSet's claim templates would create: {@code <template>-<statefulset>-<ordinal>}. */
    private static List<String> claimNamePatterns(List<SpecDocument> documents) {
        List<String> patterns = new ArrayList<>();
        for (SpecDocument document : documents) {
            if (!"StatefulSet".equals(document.kind())) {
                continue;
            }
            for (Object template : SpecDocument.Values.list(document.content(), "spec", "volumeClaimTemplates")) {
                Object name = SpecDocument.Values.at(template, "metadata", "name");
                if (name != null) {
                    patterns.add(StatefulSetNames.claimPattern(String.valueOf(name), document.name()));
                }
            }
        }
        return patterns;
    }

    private static String key(String kind, String name) {
        return kind + "/" + name;
    }

    private ObjectRef ref(DynamicKubernetesObject object) {
        return new ObjectRef(ResourceKind.of(object.getKind()), kube.namespace(), object.getMetadata().getName());
    }

}

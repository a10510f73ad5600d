package co.courselabs.statefulsets.grade.answer;

import static co.courselabs.statefulsets.grade.answer.PodSecurity.append;

import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.spec.ResourceKind;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecDocument.Values;
import co.courselabs.statefulsets.spec.SpecException;
import co.courselabs.statefulsets.spec.SpecReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides, before anything reaches the cluster, whether a student's folder may be applied: only
 * the namespaced kinds the exercise needs (by API group and kind), in the lab's namespace; nothing
 * that holds up a deletion (finalizers, owners), reaches past the answer (another account, another's
 * Secret or volume, external addresses, hand-made endpoints), replaces the lab's own objects, or asks
 * for more than the exercise could use; and Pods within {@link PodSecurity}'s rules.
 */
public final class SafetyGate {

    /** The exercise runs two proxies; a few more are a choice, hundreds a load on a shared cluster. */
    static final int MAX_REPLICAS = 5;
    private static final Set<String> ENDPOINT_KINDS = Set.of("Endpoints", "EndpointSlice");

    private SafetyGate() {
    }

    /** The reasons to refuse the folder; empty when it may be applied. */
    public static List<Finding> check(List<SpecDocument> documents, String namespace) {
        List<Finding> refusals = new ArrayList<>();
        PodSecurity.Owned owned = new PodSecurity.Owned(names(documents, ResourceKind.SECRET),
                names(documents, ResourceKind.PVC));
        for (SpecDocument document : documents) {
            Optional<ResourceKind> kind = ResourceKind.known(document.apiVersion(), document.kind());
            if (kind.isEmpty() || !ExerciseObjects.ALLOWED_KINDS.contains(kind.get())) {
                refusals.add(Finding.at(document, kindRefusal(document, kind), "kind"));
                continue;
            }
            String ns = document.namespace();
            if (ns != null && !ns.equals(namespace)) {
                refusals.add(Finding.at(document, document.ref() + " is in namespace " + ns + ": the lab runs in "
                        + namespace + " (leave metadata.namespace out)", "metadata", "namespace"));
            }
            checkMetadata(document, new Object[] {"metadata"}, refusals);
            checkLabObject(document, refusals);
            checkKind(document, kind.get(), owned, refusals);
        }
        ExerciseObjects.check(documents, refusals);
        return refusals;
    }

    private static String kindRefusal(SpecDocument document, Optional<ResourceKind> kind) {
        String what = document.kind() + " (" + document.apiVersion() + ")";
        Optional<ResourceKind> sameName = ResourceKind.knownByKind(document.kind());
        if (kind.isPresent() && !kind.get().namespaced()) {
            return document.kind() + " " + document.name() + " is cluster-scoped: the exercise only needs objects in"
                    + " the lab's namespace";
        }
        if (ENDPOINT_KINDS.contains(document.kind())) {
            return "hand-made " + what + " send a Service's traffic to addresses of the answer's choosing: let the"
                    + " Service find its Pods by its selector";
        }
        if (kind.isEmpty() && sameName.isPresent() && ExerciseObjects.ALLOWED_KINDS.contains(sameName.get())) {
            return "apiVersion " + document.apiVersion() + " does not hold Kubernetes' " + document.kind() + ", which is"
                    + " in " + sameName.get().apiVersion() + ": the grader applies only " + allowed();
        }
        if (ExerciseObjects.WORKLOAD_KINDS.contains(document.kind())) {
            return document.ref() + " is a workload of its own: the exercise's one workload is"
                    + " StatefulSet " + Exercise.PROXY + ", whose Pods run the proxy, so it needs none; the grader does"
                    + " not run programs beside it (leave it out)";
        }
        return "kind " + what + " is not part of this exercise, so the grader does not apply it (it applies "
                + allowed() + ")";
    }

    private static String allowed() {
        return ExerciseObjects.ALLOWED_KINDS.stream().map(k -> k.kind() + " (" + k.apiVersion() + ")").sorted()
                .collect(Collectors.joining(", "));
    }

    /** Finalizers and owners decide when an object may go: the grader's cleanup must not wait on a student's. */
    private static void checkMetadata(SpecDocument document, Object[] metadata, List<Finding> refusals) {
        if (!Values.list(document.content(), append(metadata, "finalizers")).isEmpty()) {
            refusals.add(Finding.at(document, document.ref() + " sets finalizers: they keep an object from being"
                    + " deleted until something removes them, which would hold up the grader's cleanup; leave"
                    + " finalizers out", append(metadata, "finalizers")));
        }
        if (!Values.list(document.content(), append(metadata, "ownerReferences")).isEmpty()) {
            refusals.add(Finding.at(document, document.ref() + " sets ownerReferences: they tie its life to objects"
                    + " that are not the answer's; leave them out", append(metadata, "ownerReferences")));
        }
    }

    private static void checkKind(SpecDocument document, ResourceKind kind, PodSecurity.Owned owned,
            List<Finding> refusals) {
        String name = kind.kind();
        if (name.equals("Secret")) {
            Object type = document.at("type").orElse("Opaque");
            if (!"Opaque".equals(type)) {
                refusals.add(Finding.at(document, document.ref() + " is of type " + type + ": the grader applies only"
                        + " Opaque Secrets (a " + type + " Secret is filled in, or used, by the cluster)", "type"));
            }
        } else if (name.equals("Service")) {
            if ("ExternalName".equals(document.text("spec", "type")) || document.text("spec", "externalName") != null) {
                refusals.add(Finding.at(document, document.ref() + " is an ExternalName Service: it sends the cluster's"
                        + " lookups of its name elsewhere; the exercise's Services select Pods", "spec", "type"));
            }
            checkClusterIp(document, refusals);
            if (!Values.list(document.content(), "spec", "externalIPs").isEmpty()) {
                refusals.add(Finding.at(document, document.ref() + " sets externalIPs: it would capture traffic to"
                        + " those addresses on every node; leave them out", "spec", "externalIPs"));
            }
        } else if (name.equals("PersistentVolumeClaim")) {
            checkClaim(document, new Object[] {"spec"}, refusals);
        } else if (name.equals("Pod")) {
            PodSecurity.check(document, new Object[] {"spec"}, new Object[] {"metadata", "annotations"}, owned, refusals);
        } else {
            checkReplicas(document, refusals);
            checkMetadata(document, new Object[] {"spec", "template", "metadata"}, refusals);
            PodSecurity.check(document, new Object[] {"spec", "template", "spec"},
                    new Object[] {"spec", "template", "metadata", "annotations"}, owned, refusals);
            List<Object> templates = Values.list(document.content(), "spec", "volumeClaimTemplates");
            for (int i = 0; i < templates.size(); i++) {
                checkMetadata(document, new Object[] {"spec", "volumeClaimTemplates", i, "metadata"}, refusals);
                checkClaim(document, new Object[] {"spec", "volumeClaimTemplates", i, "spec"}, refusals);
            }
        }
    }

    /**
     * A Service's address is the cluster's to pick: at a fixed one of the answer's choosing, a Service
     * can stand in for another (a Pod's hostAliases, or a grader that remembers addresses, lead there).
     * Headless (None) is the exercise's own.
     */
    private static void checkClusterIp(SpecDocument document, List<Finding> refusals) {
        Object single = document.at("spec", "clusterIP").orElse(null);
        List<Object> all = Values.list(document.content(), "spec", "clusterIPs");
        Object fixed = single != null && !"None".equals(single) && !"".equals(single) ? single
                : all.stream().filter(ip -> !"None".equals(ip)).findFirst().orElse(null);
        if (fixed != null) {
            refusals.add(Finding.at(document, document.ref() + " asks for the fixed cluster IP " + fixed + ": a Service"
                    + " at an address of the answer's choosing can stand in for another one (a Pod's hostAliases point"
                    + " there); leave clusterIP out, or set it to None for a headless Service", "spec",
                    single != null ? "clusterIP" : "clusterIPs"));
        }
    }

    /** A claim gets a new, empty volume: not a copy of another (dataSource) or one picked out (volumeName, selector). */
    private static void checkClaim(SpecDocument document, Object[] spec, List<Finding> refusals) {
        for (String field : List.of("dataSource", "dataSourceRef", "volumeName", "selector")) {
            if (Values.at(document.content(), append(spec, field)) != null) {
                refusals.add(Finding.at(document, document.ref() + " sets " + field + " on a claim: it would fill or bind"
                        + " the claim with a volume that exists already, perhaps somebody else's; a claim for the cache"
                        + " asks only for accessModes and storage", append(spec, field)));
            }
        }
    }

    private static void checkReplicas(SpecDocument document, List<Finding> refusals) {
        Object replicas = document.at("spec", "replicas").orElse(1);
        if (!(replicas instanceof Number number) || number.longValue() > MAX_REPLICAS) {
            refusals.add(Finding.at(document, document.ref() + " asks for " + replicas + " replicas: the grader runs up"
                    + " to " + MAX_REPLICAS + " (the exercise needs 2)", "spec", "replicas"));
        }
    }

    /**
     * The lab's own objects are the grader's: an answer that brought its own simple-statefulset
     * Service or proxy configuration would be judged against itself. A copy of the starting point's
     * objects that changes nothing is harmless (students copy them); the proxy's StatefulSet and
     * Deployment are the exercise's to grade.
     */
    private static void checkLabObject(SpecDocument document, List<Finding> refusals) {
        if (document.name().equals(Exercise.PROXY) && Set.of("StatefulSet", "Deployment").contains(document.kind())) {
            return;
        }
        LabObjects.LAB.stream().filter(lab -> sameObject(lab, document)).findFirst().ifPresent(lab -> {
            if (!StartingPoint.isUnchangedCopy(document)) {
                refusals.add(Finding.at(document, document.ref() + " is the lab's own (" + LabObjects.where(lab) + ")"
                        + (StartingPoint.isOneOf(document) ? ", and the answer changes its "
                                + StartingPoint.payload(lab) : "") + ": the grader judges"
                        + " the answer against the lab's objects, so it may not replace them; leave it out", "metadata",
                        "name"));
            }
        });
    }

    private static boolean sameObject(SpecDocument a, SpecDocument b) {
        return a.kind().equals(b.kind()) && a.name().equals(b.name());
    }

    private static Set<String> names(List<SpecDocument> documents, ResourceKind kind) {
        return documents.stream().filter(d -> ResourceKind.known(d.apiVersion(), d.kind()).equals(Optional.of(kind)))
                .map(SpecDocument::name).collect(Collectors.toSet());
    }

    /** The lab's objects, read once: all of them but the reference answer's. */
    private static final class LabObjects {
        static final List<SpecDocument> LAB = LabSpecs.ALL.stream().filter(p -> !p.equals(LabSpecs.SOLUTION))
                .flatMap(p -> SpecReader.read(p).stream()).toList();

        static String where(SpecDocument document) {
            return SpecException.display(document.file());
        }
    }
}

package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.k8s.Applier;
import co.courselabs.statefulsets.k8s.ClusterObjects;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.ObjectRef;
import co.courselabs.statefulsets.k8s.PodStates;
import co.courselabs.statefulsets.k8s.ResourceKind;
import co.courselabs.statefulsets.progress.Waits;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes what the suite made: the lab's own cleanup command, and at the end everything the run
 * applied, PVCs too, as fast as the cluster allows (see {@link LabLeftovers} for the start of a run).
 */
public final class LabCleanup {

    static final String LAB_LABEL_KEY = "kubernetes.courselabs.co";
    static final String LAB_LABEL_VALUE = "statefulsets";
    public static final String LAB_LABEL = LAB_LABEL_KEY + "=" + LAB_LABEL_VALUE;
    /** {@code kubectl delete svc,cm,secret,statefulset,deployment,pod -l kubernetes.courselabs.co=statefulsets}. */
    public static final List<ResourceKind> LAB_COMMAND_KINDS = List.of(ResourceKind.SERVICE,
            ResourceKind.CONFIG_MAP, ResourceKind.SECRET, ResourceKind.STATEFUL_SET,
            ResourceKind.DEPLOYMENT, ResourceKind.POD);
    static final Duration GONE_TIMEOUT = Duration.ofSeconds(150);
    /*
     * Cleanup deletes Pods at once (grace 0): their controllers are already gone, so nothing replaces
     * them, and waiting would cost a run 30 s per database Pod (a shell as PID 1 ignores SIGTERM)
     * plus the 1.20 kubelet's slow teardown (seen: 8 s for nginx, 45 s for a Pod stuck pulling).
     */
    private static final int FORCE = 0;
    /**
     * A short grace period whose end the kubelet confirms: when the Pod object is gone, so are its
     * containers. Needed where a new Pod takes the same name at once (see {@link #removeApplied}).
     */
    public static final int STOPPED = 1;

    private final Kube kube;

    public LabCleanup(Kube kube) {
        this.kube = kube;
    }

    /**
     * The lab's cleanup command, {@code kubectl delete svc,cm,secret,statefulset,deployment,pod -l
     * kubernetes.courselabs.co=statefulsets}; returns what it deleted once it is gone. PVCs are not
     * in the list on purpose: they outlive their StatefulSet.
     */
    public List<ObjectRef> runLabCleanupCommand() {
        List<ObjectRef> labelled = new ArrayList<>();
        for (ResourceKind kind : LAB_COMMAND_KINDS) {
            labelled.addAll(kube.objects().refs(kind, kube.namespace(), LAB_LABEL));
        }
        remove(labelled);
        kube.applier().forget(labelled);
        return labelled;
    }

    /** Everything this run applied, newest first, then the PVCs its StatefulSets made; waits until gone. */
    public void removeEverything() {
        // PVCs are asked to go first: they leave once their Pods are gone, even if this JVM is cut
        // short while it waits (a Ctrl-C'd Maven does not wait for its test JVM's shutdown for long)
        markedClaims().forEach(kube.objects()::delete);
        removeApplied(kube.applier().applied());
        removeClaims(markedClaims());
    }

    /** The PVCs made from claim templates the suite applied (the applier marks the templates). */
    public List<ObjectRef> markedClaims() {
        return kube.objects().list(ResourceKind.PVC, kube.namespace(), null).stream()
                .filter(o -> Applier.isMarked(o.getMetadata().getAnnotations()))
                .map(o -> new ObjectRef(ResourceKind.PVC, kube.namespace(), o.getMetadata().getName()))
                .toList();
    }

    /** Objects applied in this order, removed newest first, and forgotten by the applier. */
    public void removeApplied(List<ObjectRef> applied) {
        removeApplied(applied, FORCE);
    }

    /**
     * As above, with a grace period for the Pods. A force-deleted Pod's containers outlive its object
     * for seconds on the 1.20 kubelet, and a new connection reusing a client port's NAT entry can still
     * reach them: when the next Pod of the same name is judged by what answers (the grader's proxies),
     * the old one must really be stopped ({@link #STOPPED}).
     */
    public void removeApplied(List<ObjectRef> applied, int podGraceSeconds) {
        List<ObjectRef> newestFirst = new ArrayList<>(applied);
        Collections.reverse(newestFirst);
        remove(newestFirst, podGraceSeconds);
        kube.applier().forget(newestFirst);
    }

    public void removeClaims(List<ObjectRef> claims) {
        claims.forEach(kube.objects()::delete);
        kube.objects().awaitGone(claims, GONE_TIMEOUT);
    }

    /**
     * Deletes objects and waits until they are gone. Workloads are deleted orphaning their Pods,
     * which are then deleted at once: the same end state as a cascading delete, without waiting
     * out each Pod's grace period.
     */
    public void remove(List<ObjectRef> refs) {
        remove(refs, FORCE);
    }

    private void remove(List<ObjectRef> refs, int podGraceSeconds) {
        Set<ObjectRef> gone = new LinkedHashSet<>(refs);
        List<ObjectRef> controllers = new ArrayList<>();
        List<String> selectors = new ArrayList<>();
        List<ObjectRef> pods = new ArrayList<>();
        for (ObjectRef ref : refs) {
            String kind = ref.kind().kind();
            if (kind.equals("StatefulSet") || kind.equals("Deployment")) {
                String selector = ClusterObjects.podSelector(kube.objects().get(ref));
                kube.objects().delete(ref, null, "Orphan");
                controllers.add(ref);
                if (selector != null) {
                    selectors.add(selector);
                    if (kind.equals("Deployment")) {
                        for (ObjectRef rs : kube.objects().refs(ResourceKind.REPLICA_SET, kube.namespace(), selector)) {
                            kube.objects().delete(rs, null, "Orphan");
                            controllers.add(rs);
                        }
                    }
                }
            } else if (kind.equals("Pod")) {
                pods.add(ref);
            } else {
                kube.objects().delete(ref);
            }
        }
        // Only once no controller is left can no Pod be replaced behind our back (seen: a ReplicaSet
        // that saw its Pod deleted before its own deletion made a new, orphaned one).
        kube.objects().awaitGone(controllers, GONE_TIMEOUT);
        gone.addAll(controllers);
        for (String selector : selectors) {
            pods.addAll(kube.objects().refs(ResourceKind.POD, kube.namespace(), selector));
        }
        List<ObjectRef> stopping = new ArrayList<>();
        for (ObjectRef pod : pods.stream().distinct().toList()) {
            int grace = graceFor(pod.name(), podGraceSeconds);
            kube.objects().delete(pod, grace, "Background");
            gone.add(pod);
            if (grace != FORCE) {
                stopping.add(pod);
            }
        }
        if (!stopping.isEmpty()) {
            // The containers stop within the grace period; the 1.20 kubelet then takes ~10 s more to
            // confirm. Once nothing runs, the objects may go at once.
            Waits.until("containers stopped: " + stopping, GONE_TIMEOUT, () -> "still running: " + stopping.stream()
                            .filter(p -> !stopped(kube.pods().get(p.name()))).toList(),
                    () -> stopping.stream().map(p -> kube.pods().get(p.name())).allMatch(LabCleanup::stopped));
            stopping.forEach(pod -> kube.objects().delete(pod, FORCE, "Background"));
        }
        kube.objects().awaitGone(new ArrayList<>(gone), GONE_TIMEOUT);
    }

    private static boolean stopped(V1Pod pod) {
        return pod == null || PodStates.allStatuses(pod).stream()
                .noneMatch(s -> s.getState() != null && s.getState().getRunning() != null);
    }

    /**
     * A Pod whose containers never ran (an image that cannot be pulled) answers nothing: it goes
     * at once, where waiting for the 1.20 kubelet to confirm would take 45 s.
     */
    private int graceFor(String pod, int requested) {
        if (requested == FORCE) {
            return FORCE;
        }
        V1Pod current = kube.pods().get(pod);
        boolean everRan = current != null && PodStates.allStatuses(current).stream()
                .anyMatch(s -> s.getState() != null && (s.getState().getRunning() != null
                        || s.getState().getTerminated() != null)
                        || (s.getLastState() != null && s.getLastState().getTerminated() != null));
        return everRan ? requested : FORCE;
    }
}

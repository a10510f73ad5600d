package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.k8s.Applier;
import co.courselabs.statefulsets.k8s.Deleter;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what the suite made: the lab's own cleanup command, and at the end everything the run
 * applied, PVCs too, as fast as the cluster allows (see {@link LabLeftovers} for the start of a run).
 */
public final class LabCleanup {

    public static final String LAB_LABEL_KEY = "kubernetes.courselabs.co";
    public static final String LAB_LABEL_VALUE = "statefulsets";
    public static final String LAB_LABEL = LAB_LABEL_KEY + "=" + LAB_LABEL_VALUE;
    /** {@code kubectl delete svc,cm,secret,statefulset,deployment,pod -l kubernetes.courselabs.co=statefulsets}. */
    public static final List<ResourceKind> LAB_COMMAND_KINDS = List.of(ResourceKind.SERVICE,
            ResourceKind.CONFIG_MAP, ResourceKind.SECRET, ResourceKind.STATEFUL_SET,
            ResourceKind.DEPLOYMENT, ResourceKind.POD);
    static final Duration GONE_TIMEOUT = Deleter.GONE_TIMEOUT;
    public static final int STOPPED = Deleter.STOPPED;

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
        kube.deleter().remove(labelled);
        kube.created().take(labelled);
        return labelled;
    }

    /** Everything this run applied, newest first, then the PVCs its StatefulSets made; waits until gone. */
    public void removeEverything() {
        // PVCs are asked to go first: they leave once their Pods are gone, even if this JVM is cut
        // short while it waits (a Ctrl-C'd Maven does not wait for its test JVM's shutdown for long)
        markedClaims().forEach(kube.objects()::delete);
        kube.deleter().remove(kube.created().takeAll());
        removeClaims(markedClaims());
    }

    /** The PVCs made from claim templates the suite applied (the applier marks the templates). */
    public List<ObjectRef> markedClaims() {
        return kube.objects().list(ResourceKind.PVC, kube.namespace(), null).stream()
                .filter(o -> Applier.isMarked(o.getMetadata().getAnnotations()))
                .map(o -> new ObjectRef(ResourceKind.PVC, kube.namespace(), o.getMetadata().getName()))
                .toList();
    }

    /** Objects this run created, taken off its record and removed newest first. */
    public void removeApplied(List<ObjectRef> applied) {
        removeApplied(applied, Deleter.FORCE);
    }

    /**
     * As above, with a grace period for the Pods. A force-deleted Pod's containers outlive its object
     * for seconds on the 1.20 kubelet, and a new connection reusing a client port's NAT entry can still
     * reach them: when the next Pod of the same name is judged by what answers (the grader's proxies),
     * the old one must really be stopped ({@link #STOPPED}).
     */
    public void removeApplied(List<ObjectRef> applied, int podGraceSeconds) {
        kube.deleter().remove(kube.created().take(applied), podGraceSeconds);
    }

    /** Deletes objects (what this run did not create too, e.g. a killed run's) and waits until they are gone. */
    public void remove(List<ObjectRef> refs) {
        kube.deleter().remove(refs);
        kube.created().take(refs);
    }

    public void removeClaims(List<ObjectRef> claims) {
        claims.forEach(kube.objects()::delete);
        kube.objects().awaitGone(claims, GONE_TIMEOUT);
    }
}

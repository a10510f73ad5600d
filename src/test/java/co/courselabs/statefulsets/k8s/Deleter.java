package co.courselabs.statefulsets.k8s;

import co.courselabs.statefulsets.progress.Waits;
import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How objects are removed from a cluster quickly and for good: workloads orphaning their Pods (so
 * no controller can replace one behind our back), then the Pods at once, then a wait until all is
 * gone. What to remove is the caller's policy; this is the mechanics.
 */
public final class Deleter {

    public static final Duration GONE_TIMEOUT = Duration.ofSeconds(150);
    /*
     * Pods are deleted at once (grace 0): their controllers are already gone, so nothing replaces
     * them, and waiting would cost a run 30 s per database Pod (a shell as PID 1 ignores SIGTERM)
     * plus the 1.20 kubelet's slow teardown (seen: 8 s for nginx, 45 s for a Pod stuck pulling).
     */
    public static final int FORCE = 0;
    /**
     * A short grace period whose end the kubelet confirms: when the Pod object is gone, so are its
     * containers. Needed where a new Pod takes the same name at once and is judged by what answers.
     */
    public static final int STOPPED = 1;

    private final ClusterObjects objects;
    private final Pods pods;
    private final String namespace;

    Deleter(ClusterObjects objects, Pods pods, String namespace) {
        this.objects = objects;
        this.pods = pods;
        this.namespace = namespace;
    }

    /** Removes a Pod of ours at once (grace 0), without waiting; gone already is fine. */
    public void killPod(String name) {
        objects.delete(new ObjectRef(ResourceKind.POD, namespace, name), FORCE, "Background");
    }

    /**
     * Starts removing this namespace and everything in it, without waiting: its workloads first,
     * orphaning their Pods (a controller still there would make a new Pod for one deleted, which the
     * 1.20 kubelet then takes a minute to tear down), its Pods at once, then the namespace. Whoever
     * needs its end waits for it (the run's cleanup does, bounded).
     */
    public void dropNamespace() {
        for (ResourceKind kind : List.of(ResourceKind.STATEFUL_SET, ResourceKind.DEPLOYMENT, ResourceKind.REPLICA_SET)) {
            objects.refs(kind, namespace, null).forEach(workload -> objects.delete(workload, null, "Orphan"));
        }
        pods.list(null).forEach(pod -> killPod(pod.getMetadata().getName()));
        objects.delete(new ObjectRef(ResourceKind.NAMESPACE, null, namespace));
    }

    /**
     * Deletes objects and waits until they are gone. Workloads are deleted orphaning their Pods,
     * which are then deleted at once: the same end state as a cascading delete, without waiting
     * out each Pod's grace period.
     */
    public void remove(List<ObjectRef> refs) {
        remove(refs, FORCE);
    }

    /** As above, with a grace period for the Pods ({@link #STOPPED}: wait until their containers stopped). */
    public void remove(List<ObjectRef> refs, int podGraceSeconds) {
        Set<ObjectRef> gone = new LinkedHashSet<>(refs);
        List<ObjectRef> controllers = new ArrayList<>();
        List<String> selectors = new ArrayList<>();
        List<ObjectRef> podRefs = new ArrayList<>();
        for (ObjectRef ref : refs) {
            String kind = ref.kind().kind();
            if (kind.equals("StatefulSet") || kind.equals("Deployment")) {
                String selector = ClusterObjects.podSelector(objects.get(ref));
                objects.delete(ref, null, "Orphan");
                controllers.add(ref);
                if (selector != null) {
                    selectors.add(selector);
                    if (kind.equals("Deployment")) {
                        for (ObjectRef rs : objects.refs(ResourceKind.REPLICA_SET, namespace, selector)) {
                            objects.delete(rs, null, "Orphan");
                            controllers.add(rs);
                        }
                    }
                }
            } else if (kind.equals("Pod")) {
                podRefs.add(ref);
            } else {
                objects.delete(ref);
            }
        }
        // Only once no controller is left can no Pod be replaced behind our back (seen: a ReplicaSet
        // that saw its Pod deleted before its own deletion made a new, orphaned one).
        objects.awaitGone(controllers, GONE_TIMEOUT);
        gone.addAll(controllers);
        for (String selector : selectors) {
            podRefs.addAll(objects.refs(ResourceKind.POD, namespace, selector));
        }
        List<ObjectRef> stopping = new ArrayList<>();
        for (ObjectRef pod : podRefs.stream().distinct().toList()) {
            int grace = graceFor(pod.name(), podGraceSeconds);
            objects.delete(pod, grace, "Background");
            gone.add(pod);
            if (grace != FORCE) {
                stopping.add(pod);
            }
        }
        if (!stopping.isEmpty()) {
            // The containers stop within the grace period; the 1.20 kubelet then takes ~10 s more to
            // confirm. Once nothing runs, the objects may go at once.
            Waits.until("containers stopped: " + stopping, GONE_TIMEOUT, () -> "still running: " + stopping.stream()
                            .filter(p -> !stopped(pods.get(p.name()))).toList(),
                    () -> stopping.stream().map(p -> pods.get(p.name())).allMatch(Deleter::stopped));
            stopping.forEach(pod -> objects.delete(pod, FORCE, "Background"));
        }
        objects.awaitGone(new ArrayList<>(gone), GONE_TIMEOUT);
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
        V1Pod current = pods.get(pod);
        boolean everRan = current != null && PodStates.allStatuses(current).stream()
                .anyMatch(s -> s.getState() != null && (s.getState().getRunning() != null
                        || s.getState().getTerminated() != null)
                        || (s.getLastState() != null && s.getLastState().getTerminated() != null));
        return everRan ? requested : FORCE;
    }
}

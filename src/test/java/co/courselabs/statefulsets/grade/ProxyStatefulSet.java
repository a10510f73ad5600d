package co.courselabs.statefulsets.grade;

import static co.courselabs.statefulsets.grade.Criterion.CACHE_CLAIM;
import static co.courselabs.statefulsets.grade.Criterion.PARALLEL;
import static co.courselabs.statefulsets.grade.Criterion.SERVICE;
import static co.courselabs.statefulsets.grade.Criterion.WORKS;

import co.courselabs.statefulsets.k8s.ObjectRef;
import co.courselabs.statefulsets.k8s.PodStates;
import co.courselabs.statefulsets.k8s.ResourceKind;
import co.courselabs.statefulsets.k8s.Pods.ExecResult;
import co.courselabs.statefulsets.k8s.SpecDocument;
import co.courselabs.statefulsets.k8s.SpecDocument.Values;
import co.courselabs.statefulsets.k8s.Timeline;
import co.courselabs.statefulsets.k8s.Waits;
import co.courselabs.statefulsets.lab.Lab;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The student's proxy StatefulSet on the cluster: its Pods, PVCs, Service and cache. */
final class ProxyStatefulSet {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final Lab lab;
    private final SpecDocument spec;
    private final List<String> ready = new ArrayList<>();

    ProxyStatefulSet(Lab lab, SpecDocument spec) {
        this.lab = lab;
        this.spec = spec;
    }

    int replicas() {
        Object replicas = spec.at("spec", "replicas").orElse(1);
        return replicas instanceof Number n ? n.intValue() : 1;
    }

    Map<String, Object> podLabels() {
        return Values.map(spec.content(), "spec", "template", "metadata", "labels");
    }

    boolean allReady() {
        return ready.size() == replicas();
    }

    /**
     * Waits for every Pod; the first that cannot be created or cannot start fails the grade with
     * the cluster's reason, without waiting out the timeout.
     */
    void awaitPods(Grade grade, Duration timeout) {
        for (String name : LiveGrader.podNames(replicas())) {
            try {
                Waits.forValue("Pod " + name + " created", timeout, () -> lab.pods().get(name) != null, created -> created,
                        () -> controllerProblem().ifPresent(problem -> {
                            throw new AssertionError(problem);
                        }));
                lab.pods().awaitReady(name, timeout);
                ready.add(name);
            } catch (AssertionError e) {
                grade.fail(WORKS, atImageLine(e.getMessage()));
                return;
            }
        }
    }

    /** A Pod that cannot pull its image is the image line's fault: the finding points there. */
    private Finding atImageLine(String message) {
        List<Object> containers = Values.list(spec.content(), "spec", "template", "spec", "containers");
        for (int i = 0; i < containers.size(); i++) {
            Object image = Values.at(containers.get(i), "image");
            if (image != null && message.contains("Image") && message.contains(" " + image + " ")) {
                return Finding.at(spec, message, "spec", "template", "spec", "containers", i, "image");
            }
        }
        return Finding.general(message);
    }

    /** Why the StatefulSet controller cannot create the Pods or their PVCs, as its events say. */
    Optional<String> controllerProblem() {
        var set = lab.kube().objects().get(new ObjectRef(ResourceKind.of("StatefulSet"), Lab.NAMESPACE,
                StaticGrader.NAME));
        if (set == null) {
            return Optional.of("StatefulSet " + StaticGrader.NAME + " does not exist on the cluster");
        }
        return lab.kube().warningsAbout(set.getMetadata().getUid()).stream()
                .filter(ProxyStatefulSet::isLastingFailure)
                .map(e -> "StatefulSet " + StaticGrader.NAME + " cannot create its Pods: " + e.getMessage())
                .reduce((first, last) -> last);
    }

    /**
     * A FailedCreate that the controller's retries will not cure. The API says "try again" when an
     * error is passing (a server timeout, a conflict), and the controller does: seen once on a busy
     * lab cluster, and the Pod was created a moment later.
     */
    static boolean isLastingFailure(CoreV1Event event) {
        return "FailedCreate".equals(event.getReason())
                && (event.getMessage() == null || !event.getMessage().contains("try again"));
    }

    void checkCreatedInParallel(Grade grade, List<Timeline.Entry<V1Pod>> changes) {
        grade.seenOnCluster(PARALLEL);
        if (replicas() < 2) {
            grade.verified(PARALLEL, "with 1 replica there is no order to see on the cluster");
            return;
        }
        String first = StaticGrader.NAME + "-0";
        String second = StaticGrader.NAME + "-1";
        OptionalInt secondCreated = Timeline.firstIndex(changes, second, p -> true);
        OptionalInt firstReady = Timeline.firstIndex(changes, first, PodStates::isRunningAndReady);
        if (secondCreated.isEmpty() && Timeline.firstIndex(changes, first, p -> true).isEmpty()) {
            grade.notRun(PARALLEL, "no Pod was created, so there was no order to see");
        } else if (secondCreated.isEmpty()) {
            grade.fail(PARALLEL, second + " was never created while " + first + " was starting");
        } else if (firstReady.isPresent() && firstReady.getAsInt() < secondCreated.getAsInt()) {
            grade.fail(PARALLEL, second + " was only created after " + first + " was Running and Ready: the Pods were"
                    + " created one at a time, not in parallel");
        } else {
            grade.verified(PARALLEL, "on the cluster " + second + " was created before " + first + " was Ready");
        }
    }

    /** The claim template mounted at /cache, and the container mounting it. */
    private Optional<StaticGrader.CacheMount> claimMount() {
        return StaticGrader.cacheMount(spec).filter(StaticGrader.CacheMount::fromClaimTemplate);
    }

    void checkClaims(Grade grade) {
        grade.seenOnCluster(CACHE_CLAIM);
        Optional<StaticGrader.CacheMount> mount = claimMount();
        if (mount.isEmpty()) {
            return; // the static check has said what is wrong
        }
        Optional<String> problem = controllerProblem();
        if (problem.isPresent()) {
            grade.fail(CACHE_CLAIM, problem.get());
            return;
        }
        List<String> bound = new ArrayList<>();
        for (int ordinal = 0; ordinal < replicas(); ordinal++) {
            String claim = mount.get().volume() + "-" + StaticGrader.NAME + "-" + ordinal;
            try {
                Waits.forValue("PVC " + claim + " Bound", SETTLE, () -> phase(claim), "Bound"::equals);
                bound.add(claim);
            } catch (AssertionError e) {
                grade.fail(CACHE_CLAIM, "PVC " + claim + " for Pod " + StaticGrader.NAME + "-" + ordinal + " is not Bound: "
                        + e.getMessage());
            }
        }
        if (bound.size() == replicas()) {
            grade.verified(CACHE_CLAIM, "on the cluster one Bound PVC per Pod: " + bound);
        }
    }

    private String phase(String claim) {
        V1PersistentVolumeClaim found = lab.kube().claim(claim);
        return found == null ? "missing" : found.getStatus() == null ? "no status" : found.getStatus().getPhase();
    }

    void checkServiceEndpoints(Grade grade) {
        String service = spec.text("spec", "serviceName");
        if (service == null || !allReady()) {
            grade.notRun(SERVICE, service == null ? "the StatefulSet names no Service" : "the Pods are not Ready");
            return;
        }
        grade.seenOnCluster(SERVICE);
        List<String> podIps = ready.stream().map(n -> lab.pods().get(n).getStatus().getPodIP()).sorted().toList();
        try {
            Waits.forValue("the endpoints of " + service + " to list the proxy Pods " + podIps, SETTLE,
                    () -> lab.kube().readyEndpointIps(service), ips -> ips.containsAll(podIps));
            grade.verified(SERVICE, "on the cluster " + service + " lists every proxy Pod");
        } catch (AssertionError e) {
            grade.fail(SERVICE, "Service " + service + " does not reach the proxy Pods: " + e.getMessage());
        }
    }

    /**
     * {@code kubectl exec simple-proxy-N -- find /cache -type f} shows the cache's files in every Pod
     * (nginx moves a cached response into place just after sending it, so this waits a moment).
     */
    void checkCacheFiles(Grade grade, Criterion criterion) {
        String container = claimMount().map(StaticGrader.CacheMount::container).orElse(null);
        for (String pod : ready) {
            try {
                long count = Waits.forValue("cache files in " + StaticGrader.CACHE_PATH + " of " + pod,
                        Duration.ofSeconds(10), () -> cacheFiles(pod, container), n -> n > 0);
                grade.verified(criterion, pod + " has " + count + " cache file" + (count == 1 ? "" : "s") + " in "
                        + StaticGrader.CACHE_PATH);
            } catch (AssertionError e) {
                grade.fail(criterion, "Pod " + pod + " has no cache files in " + StaticGrader.CACHE_PATH
                        + " after serving the page (" + e.getMessage() + ")");
            }
        }
    }

    private long cacheFiles(String pod, String container) {
        ExecResult files = lab.pods().exec(pod, container, "find", StaticGrader.CACHE_PATH, "-type", "f");
        return files.exitCode() != 0 ? -1 : files.stdout().lines().filter(l -> !l.isBlank()).count();
    }
}

package co.courselabs.statefulsets.grade.live;

import static co.courselabs.statefulsets.grade.Criterion.CACHE_CLAIM;
import static co.courselabs.statefulsets.grade.Criterion.PARALLEL;
import static co.courselabs.statefulsets.grade.Criterion.SERVICE;
import static co.courselabs.statefulsets.grade.Criterion.WORKS;

import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.answer.StaticGrader;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.PodStates;
import co.courselabs.statefulsets.k8s.StartupCauses;
import co.courselabs.statefulsets.k8s.Timeline;
import co.courselabs.statefulsets.progress.Waits;
import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecDocument.Values;
import co.courselabs.statefulsets.spec.StatefulSetNames;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/** The student's proxy StatefulSet on the cluster: its Pods, PVCs, Service and cache. */
final class ProxyStatefulSet implements ProxyStartup.Subject {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** Claims bind in about a second when the storage works; a Pod's fault ended the shared wait. */
    private static final Duration CLAIMS_SETTLE = Duration.ofSeconds(10);
    /** The kubelet restarts a container that exited at once within seconds (its first back-off is 10 s). */
    private static final Duration RESTART_SHOWS = Duration.ofSeconds(15);
    /** A scheduled Pod gets its address within seconds of its sandbox; one that cannot start never does. */
    private static final Duration ADDRESSES = Duration.ofSeconds(10);

    private final Kube kube;
    private final SpecDocument spec;
    private final ProxyStartup startup;
    private final List<String> ready = new ArrayList<>();
    private final List<String> bound = new ArrayList<>();
    /** The Pods that got an address, by name: what a Service can select, whether they work or not. */
    private final Map<String, String> addressed = new java.util.LinkedHashMap<>();

    ProxyStatefulSet(Kube kube, SpecDocument spec) {
        this.kube = kube;
        this.spec = spec;
        this.startup = new ProxyStartup(kube, spec, this);
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
     * Waits, in one budget, for every Pod Running and Ready and every PVC of the /cache claim
     * template Bound; the first cause the cluster gives for certain fails its criterion at once.
     */
    void awaitUp(Grade grade, Duration budget) {
        List<String> claims = claimNames();
        PodsSnapshot last = startup.await(grade, podNames(replicas()), claims, budget);
        boolean claimsPending = last != null && last.claims().values().stream().anyMatch(c -> !StartupCauses.isBound(c));
        if (!grade.findings(WORKS).isEmpty() && claimsPending) {
            // a Pod's cause ended the wait; the claims get a moment of their own before they are judged
            PodsSnapshot claimsOnly = startup.await(grade, List.of(), claims, CLAIMS_SETTLE);
            if (claimsOnly != null) {
                last = new PodsSnapshot(last.pods(), claimsOnly.claims(), claimsOnly.events(), claimsOnly.at());
            }
        }
        if (last != null) {
            last.pods().forEach((name, pod) -> {
                if (PodStates.isRunningAndReady(pod)) {
                    ready.add(name);
                }
            });
            addressed.putAll(last.addresses());
            last.claims().forEach((name, claim) -> {
                if (StartupCauses.isBound(claim)) {
                    bound.add(name);
                }
            });
        }
    }

    /** The PVCs the claim template mounted at /cache gives each Pod: {@code <template>-simple-proxy-<n>}. */
    private List<String> claimNames() {
        return claimMount().map(mount -> StatefulSetNames.claims(mount.volume(), Exercise.PROXY, replicas()))
                .orElse(List.of());
    }

    /** A Pod that cannot pull its image is the image line's fault: the finding points there. */
    @Override
    public Finding atImageLine(String message) {
        List<Object> containers = Values.list(spec.content(), "spec", "template", "spec", "containers");
        for (int i = 0; i < containers.size(); i++) {
            Object image = Values.at(containers.get(i), "image");
            if (image != null && message.contains("Image") && message.contains(" " + image + " ")) {
                return Finding.at(spec, message, "spec", "template", "spec", "containers", i, "image");
            }
        }
        return Finding.general(message);
    }

    /** Why the StatefulSet controller cannot create or take over the Pods or their PVCs, as its events say. */
    @Override
    public Optional<String> controllerProblem() {
        var set = kube.objects().get(new ObjectRef(ResourceKind.STATEFUL_SET, kube.namespace(), Exercise.PROXY));
        if (set == null) {
            return Optional.of("StatefulSet " + Exercise.PROXY + " does not exist on the cluster");
        }
        return kube.events().warningsAbout(set.getMetadata().getUid()).stream()
                .filter(ProxyStatefulSet::isLastingFailure)
                .map(e -> "StatefulSet " + Exercise.PROXY + " cannot " + ("FailedUpdate".equals(e.getReason())
                        ? "update" : "create") + " its Pods: " + Fences.explained(e.getMessage()))
                .reduce((first, last) -> last);
    }

    /**
     * A FailedCreate or FailedUpdate that the controller's retries will not cure. The API says "try
     * again" when an error is passing (a server timeout, a conflict), and the controller does: seen
     * once on a busy lab cluster, and the Pod was created a moment later. A FailedUpdate is a Pod of
     * the same name that the controller adopted and cannot make its own (a Pod of the answer's
     * passing for the StatefulSet's): it stops there, and the other Pods never come.
     */
    static boolean isLastingFailure(CoreV1Event event) {
        return ("FailedCreate".equals(event.getReason()) || "FailedUpdate".equals(event.getReason()))
                && (event.getMessage() == null || !event.getMessage().contains("try again"));
    }

    void checkCreatedInParallel(Grade grade, List<Timeline.Entry<V1Pod>> changes) {
        grade.seenOnCluster(PARALLEL);
        if (replicas() < 2) {
            grade.verified(PARALLEL, "with 1 replica there is no order to see on the cluster");
            return;
        }
        String first = StatefulSetNames.pod(Exercise.PROXY, 0);
        String second = StatefulSetNames.pod(Exercise.PROXY, 1);
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

    /** "It works" only if the Pods stay up: no restart during the grading, Ready at its end. */
    void checkStable(Grade grade) {
        if (!grade.findings(WORKS).isEmpty()) {
            return;
        }
        ProxyStartup.Hold hold = startup.checkStable(ready);
        hold.unstable().ifPresent(text -> grade.fail(WORKS, livenessFinding(text)));
        if (grade.findings(WORKS).isEmpty()) {
            grade.verified(WORKS, "the Pods stayed up: no restart, all Ready at the end"
                    + hold.cutShort().map(seen -> " (" + seen + ")").orElse(""));
        }
    }

    /**
     * A restart of a Pod since it was Ready, said on "It works" whatever was said there before (the
     * YAML's proxy is not the lab's, and the cluster shows why it does not work either).
     */
    void reportRestarts(Grade grade) {
        Optional<String> unstable = startup.checkStable(ready).unstable();
        // a command of the answer's that exits at once leaves its container Ready for a moment, and with no
        // liveness probe the hold is over at once: what the container does next is given a moment to show
        if (unstable.isEmpty() && containerField("command").isPresent()) {
            unstable = restartShown("a proxy Pod that runs a command of the answer's restarting");
        }
        unstable.ifPresent(text -> grade.fail(WORKS, livenessFinding(text)));
    }

    /** Where {@code field} is in the first container that sets it, for a finding on that line. */
    @Override
    public Optional<Object[]> containerField(String field) {
        List<Object> containers = Values.list(spec.content(), "spec", "template", "spec", "containers");
        for (int i = 0; i < containers.size(); i++) {
            if (Values.at(containers.get(i), field) != null) {
                return Optional.of(new Object[] {"spec", "template", "spec", "containers", i, field});
            }
        }
        return Optional.empty();
    }

    /** The claim template mounted at /cache, and the container mounting it. */
    private Optional<StaticGrader.CacheMount> claimMount() {
        return StaticGrader.cacheMount(spec).filter(StaticGrader.CacheMount::fromClaimTemplate);
    }

    void checkClaims(Grade grade) {
        grade.seenOnCluster(CACHE_CLAIM);
        if (claimMount().isEmpty() || !grade.findings(CACHE_CLAIM).isEmpty()) {
            return; // the static check, or the wait for the claims, has said what is wrong
        }
        List<String> expected = claimNames();
        if (bound.containsAll(expected)) {
            grade.verified(CACHE_CLAIM, "on the cluster one Bound PVC per Pod: " + expected);
        } else {
            grade.fail(CACHE_CLAIM, "PVCs not Bound: " + expected.stream().filter(c -> !bound.contains(c)).toList()
                    + "; Bound: " + bound);
        }
    }

    /**
     * The Service selects the Pods: its endpoints list every Pod's address, Ready or not. Whether a
     * Pod is Ready is "It works"; the Service is judged on what it selects, so a broken container
     * does not cost the Service's points too, and the verdict does not hang on when it was read.
     */
    void checkServiceEndpoints(Grade grade) {
        String service = spec.text("spec", "serviceName");
        if (service != null && addressed.size() < replicas()) {
            // a Pod's cause may have ended the startup before every Pod had its address: a moment more
            addressed.putAll(startup.awaitAddresses(podNames(replicas()),
                    claimNames(), ADDRESSES));
        }
        if (service == null || addressed.size() < replicas()) {
            grade.notRun(SERVICE, service == null ? "the StatefulSet names no Service"
                    : "the Pods never got an address (not scheduled, or not started), so there is nothing to select");
            return;
        }
        grade.seenOnCluster(SERVICE);
        List<String> podIps = addressed.values().stream().sorted().toList();
        try {
            Waits.forValue("the endpoints of " + service + " to list the proxy Pods " + podIps, SETTLE,
                    () -> kube.selectedEndpointIps(service), ips -> ips.containsAll(podIps));
            grade.verified(SERVICE, "on the cluster " + service + " selects every proxy Pod");
        } catch (AssertionError e) {
            grade.fail(SERVICE, "Service " + service + " does not reach the proxy Pods: " + e.getMessage());
        }
    }

    /**
     * A Pod that restarted since it was Ready is the cause of what fails next (endpoints that come and
     * go, a page that is not served): said as the cause, on "It works". True when it was.
     */
    boolean reportedUnstable(Grade grade) {
        if (!grade.findings(WORKS).isEmpty()) {
            return true;
        }
        Optional<String> unstable = startup.unstableNow(ready);
        unstable.ifPresent(text -> grade.fail(WORKS, livenessFinding(text)));
        return unstable.isPresent();
    }

    /**
     * After a page did not come: a Pod that was Ready and is restarting (a container that exits soon
     * after it starts) shows as a restart within moments. True when it did, and was reported.
     */
    boolean restartsSoon(Grade grade) {
        return restartShown("a proxy Pod restarting, as the reason the page did not come").isPresent()
                && reportedUnstable(grade);
    }

    /** Why the Pods are not stable, once that shows within {@link #RESTART_SHOWS}; else empty. */
    private Optional<String> restartShown(String waitingFor) {
        AtomicReference<Optional<String>> seen = new AtomicReference<>(Optional.empty());
        Waits.within(waitingFor, RESTART_SHOWS, () -> {
            seen.set(startup.unstableNow(ready));
            return seen.get().isPresent();
        });
        return seen.get();
    }

    /** A Pod that restarts: on its liveness probe when that is what fails, else on its command, if it has one. */
    private Finding livenessFinding(String text) {
        Optional<Object[]> probe = text.contains("iveness probe") ? containerField("livenessProbe") : Optional.empty();
        return probe.or(() -> containerField("command")).map(line -> Finding.at(spec, text, line))
                .orElseGet(() -> Finding.general(text));
    }

    /** The names of the StatefulSet's Pods, as its controller names them. */
    static List<String> podNames(int replicas) {
        return StatefulSetNames.pods(Exercise.PROXY, replicas);
    }

    /** The Pods that were Running and Ready when the startup ended. */
    List<String> readyPods() {
        return List.copyOf(ready);
    }

    /** The container that mounts the claim template at /cache, or null. */
    String cacheContainer() {
        return claimMount().map(StaticGrader.CacheMount::container).orElse(null);
    }
}

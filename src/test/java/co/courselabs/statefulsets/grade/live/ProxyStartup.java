package co.courselabs.statefulsets.grade.live;

import static co.courselabs.statefulsets.grade.Criterion.CACHE_CLAIM;
import static co.courselabs.statefulsets.grade.Criterion.WORKS;

import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.NodeRoom;
import co.courselabs.statefulsets.k8s.NodeShortOfRoom;
import co.courselabs.statefulsets.k8s.StartupCauses.Cause;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.progress.Waits;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecDocument.Values;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The student's Pods and their PVCs coming up, waited on together within one budget, while what the
 * cluster says about them is read: the wait ends as soon as a cause is certain, and the grade says
 * it in the cluster's own words, on the line of the student's file it is about.
 */
final class ProxyStartup {

    /** What the startup asks of the StatefulSet it waits on: its controller's complaint, and lines of its file. */
    interface Subject {
        Optional<String> controllerProblem();

        Optional<Object[]> containerField(String field);

        Finding atImageLine(String message);
    }

    private static final Pattern MISSING_SOURCE =
            Pattern.compile("(configmap|secret) \"([^\"]+)\" not found", Pattern.CASE_INSENSITIVE);
    /**
     * The longest a passing answer is held: a liveness probe's first two periods at the defaults, and
     * more. A gentler probe is watched this long, and the grade says what was seen.
     */
    private static final Duration STABLE_BOUND = Duration.ofSeconds(45);

    private final Kube kube;
    private final SpecDocument spec;
    private final Subject proxy;

    ProxyStartup(Kube kube, SpecDocument spec, Subject proxy) {
        this.kube = kube;
        this.spec = spec;
        this.proxy = proxy;
    }

    /**
     * Waits up to {@code budget} for every Pod Running and Ready and every PVC of the /cache claim
     * template Bound; returns the last snapshot. A certain cause fails the criterion it is about at once.
     */
    PodsSnapshot await(Grade grade, List<String> podNames, List<String> claimNames, Duration budget) {
        AtomicReference<PodsSnapshot> last = new AtomicReference<>();
        AtomicReference<Cause> cause = new AtomicReference<>();
        try {
            Waits.forValue("the Pods " + podNames + " Running and Ready" + (claimNames.isEmpty() ? ""
                            : ", their PVCs " + claimNames + " Bound"), budget,
                    () -> {
                        last.set(read(podNames, claimNames));
                        return last.get();
                    },
                    PodsSnapshot::allUp,
                    () -> {
                        Optional<String> controller = proxy.controllerProblem();
                        if (controller.isPresent()) {
                            throw new AssertionError(controller.get());
                        }
                        if (last.get() != null) {
                            last.get().cause().ifPresent(found -> {
                                cause.set(found);
                                throw new AssertionError(found.toString());
                            });
                        }
                    });
        } catch (AssertionError e) {
            if (cause.get() != null) {
                report(grade, cause.get());
            } else {
                grade.fail(WORKS, Finding.general(e.getMessage()));
            }
        }
        return last.get();
    }

    /**
     * Waits up to {@code budget} until every Pod has an address or the cluster says why it will not
     * get one (see {@link PodsSnapshot#addressesSettled(boolean)}); returns the addresses the Pods have.
     */
    Map<String, String> awaitAddresses(List<String> podNames, List<String> claimNames, Duration budget) {
        AtomicReference<PodsSnapshot> last = new AtomicReference<>();
        Waits.within("every proxy Pod with an address, or a cause for it to have none", budget, () -> {
            last.set(read(podNames, claimNames));
            // a Pod the StatefulSet controller cannot create (over the quota, a claim the API refuses) gets none
            return last.get().addressesSettled(last.get().pods().containsValue(null)
                    && proxy.controllerProblem().isPresent());
        });
        return last.get() == null ? Map.of() : last.get().addresses();
    }

    /**
     * Stable, not just up: the graded Pods are still Ready and never restarted. A container with a
     * liveness probe is watched until the probe has had its say (its first period, and one more
     * when it failed once), within a bound; a Pod that restarts, or a probe that fails again, fails
     * "It works" with the kubelet's words.
     */
    /**
     * What a stability hold saw: why the Pods are not stable, if they are not; and, when the hold
     * ended at the grader's bound before a gentle liveness probe had run twice, what was seen by then.
     */
    record Hold(Optional<String> unstable, Optional<String> cutShort) {
    }

    Hold checkStable(List<String> podNames) {
        Instant bound = Instant.now().plus(STABLE_BOUND);
        AtomicReference<PodsSnapshot> last = new AtomicReference<>();
        // ends at the hold's end, the bound, or the first sign of instability, whichever comes first
        Waits.within("the Pods " + podNames + " staying up (no restart, still Ready), " + STABLE_BOUND.toSeconds()
                + "s at most", STABLE_BOUND.plusSeconds(5), () -> {
                    PodsSnapshot snapshot = read(podNames, List.of());
                    last.set(snapshot);
                    return Stability.problem(snapshot).isPresent() || !snapshot.at().isBefore(bound)
                            || !snapshot.at().isBefore(Stability.holdUntil(snapshot));
                });
        Optional<String> problem = unstableNow(podNames);
        problem.ifPresent(text -> Progress.say("the Pods are not stable, certain at " + clock() + ": " + text));
        return new Hold(problem, problem.isEmpty() && last.get() != null ? Stability.cutShort(last.get(), bound)
                : Optional.empty());
    }

    /** Why the Pods are not stable now (a restart, not Ready, a liveness probe that failed twice), if they are not. */
    Optional<String> unstableNow(List<String> podNames) {
        try {
            return Stability.problem(read(podNames, List.of()));
        } catch (ApiException e) {
            return Optional.of("the Pods could not be read: " + e.getResponseBody());
        }
    }

    private static String clock() {
        return java.time.LocalTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " UTC";
    }

    private PodsSnapshot read(List<String> podNames, List<String> claimNames) throws ApiException {
        Map<String, V1Pod> pods = new java.util.LinkedHashMap<>();
        podNames.forEach(name -> pods.put(name, kube.pods().get(name)));
        Map<String, V1PersistentVolumeClaim> claims = new java.util.LinkedHashMap<>();
        claimNames.forEach(name -> claims.put(name, kube.claim(name)));
        List<CoreV1Event> events = kube.events().all();
        return new PodsSnapshot(pods, claims, events, Instant.now());
    }

    /** The cause, on the criterion and the line of the student's file it is about. */
    private void report(Grade grade, Cause cause) {
        String text = cause.toString();
        if (cause.reason().equals("FailedScheduling") && NodeRoom.isFull(cause.message())) {
            // the answer's own asks are held to the fence's quota; a node full of others' is nobody's answer
            throw new NodeShortOfRoom("The node had no room for the answer's Pods (" + text + "): other work held it"
                    + " (other answers graded at the same time, or other people's), which is no fault of the answer."
                    + " Grade it again");
        }
        Progress.say("the cluster's cause, certain at " + clock() + ": " + text);
        if (cause.object().startsWith("PVC ")) {
            grade.fail(CACHE_CLAIM, claimTemplateFinding(text));
            grade.notRun(WORKS, "the Pods cannot start without their PVCs");
            return;
        }
        grade.fail(WORKS, podFinding(cause, text));
    }

    private Finding claimTemplateFinding(String text) {
        List<Object> templates = Values.list(spec.content(), "spec", "volumeClaimTemplates");
        for (int i = 0; i < templates.size(); i++) {
            if (text.toLowerCase(java.util.Locale.ROOT).contains("storageclass")
                    && Values.at(templates.get(i), "spec", "storageClassName") != null) {
                return Finding.at(spec, text, "spec", "volumeClaimTemplates", i, "spec", "storageClassName");
            }
        }
        return Finding.at(spec, text, "spec", "volumeClaimTemplates");
    }

    private Finding podFinding(Cause cause, String text) {
        if (cause.reason().equals("FailedScheduling")) {
            Object[] selector = {"spec", "template", "spec", "nodeSelector"};
            return Finding.at(spec, text, spec.at(selector).isPresent() ? selector
                    : new Object[] {"spec", "template", "spec"});
        }
        Optional<Object[]> line = Optional.empty();
        if (cause.reason().equals("Unhealthy")) {
            line = proxy.containerField(cause.message().startsWith("Readiness") ? "readinessProbe" : "livenessProbe");
        }
        if (line.isEmpty() && cause.message().contains("CrashLoopBackOff")) {
            line = proxy.containerField("command");
        }
        if (line.isPresent()) {
            return Finding.at(spec, text, line.get());
        }
        Matcher missing = MISSING_SOURCE.matcher(cause.message());
        if (missing.find()) {
            Optional<Object[]> volume = volumeNaming(missing.group(1), missing.group(2));
            if (volume.isPresent()) {
                return Finding.at(spec, text, volume.get());
            }
        }
        return proxy.atImageLine(text);
    }

    /** The volume of the Pod template that names the missing ConfigMap or Secret, at its name. */
    private Optional<Object[]> volumeNaming(String kind, String name) {
        boolean configMap = kind.equalsIgnoreCase("configmap");
        List<Object> volumes = Values.list(spec.content(), "spec", "template", "spec", "volumes");
        for (int i = 0; i < volumes.size(); i++) {
            Object named = configMap ? Values.at(volumes.get(i), "configMap", "name")
                    : Values.at(volumes.get(i), "secret", "secretName");
            if (name.equals(named)) {
                Object[] path = {"spec", "template", "spec", "volumes", i, configMap ? "configMap" : "secret",
                    configMap ? "name" : "secretName"};
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }
}

package co.courselabs.statefulsets.grade.live;

import static co.courselabs.statefulsets.grade.Criterion.SAFE;
import static co.courselabs.statefulsets.grade.Criterion.STATEFULSET;
import static co.courselabs.statefulsets.grade.Criterion.WORKS;
import static co.courselabs.statefulsets.grade.Criterion.YAML;

import co.courselabs.statefulsets.diag.Diagnostics;
import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.Phase;
import co.courselabs.statefulsets.grade.answer.AnswerYaml;
import co.courselabs.statefulsets.grade.answer.LabProxy;
import co.courselabs.statefulsets.grade.answer.StartingPoint;
import co.courselabs.statefulsets.grade.answer.StaticGrader;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.NodeRoom;
import co.courselabs.statefulsets.k8s.NodeShortOfRoom;
import co.courselabs.statefulsets.k8s.PodLives;
import co.courselabs.statefulsets.k8s.RegistryUnavailable;
import co.courselabs.statefulsets.k8s.ServiceProxy;
import co.courselabs.statefulsets.k8s.Timeline;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecException;
import co.courselabs.statefulsets.spec.SpecRefused;
import co.courselabs.statefulsets.spec.StatefulSetNames;
import io.kubernetes.client.openapi.models.V1Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Grades a solution on the cluster, in a namespace of its own ({@link GradingNamespace}): fenced,
 * the exercise's starting point deployed into it, then the student's folder applied and tried out
 * as the lab says; then the namespace goes, with everything in it.
 */
public final class LiveGrader {

    /** A proxy Pod that is not Ready by then will not be (nginx starts in about a second). */
    static final Duration POD_START = Duration.ofSeconds(60);

    private final Lab lab;

    public LiveGrader(Lab lab) {
        this.lab = lab;
    }

    /**
     * Grades on the lab {@code lab} gives; anything that stops the grader (no cluster, a cluster
     * that cannot run the lab, a registry that refuses, a fault of ours) is no verdict on the
     * answer: the grade says so, with what the YAML alone shows.
     */
    public static Grade gradeOrError(java.util.function.Supplier<Lab> lab, AnswerYaml yaml) {
        Instant start = Instant.now();
        try {
            return new LiveGrader(lab.get()).grade(yaml);
        } catch (RuntimeException | AssertionError e) {
            Grade grade = StaticGrader.grade(yaml, LabSpecs.namespace(), true).grade();
            grade.error(e instanceof RegistryUnavailable || e instanceof NodeShortOfRoom ? e.getMessage()
                    : "The grader could not use the cluster: " + e.getMessage());
            grade.notRunOnCluster("the grader could not use the cluster");
            grade.took(Duration.between(start, Instant.now()));
            return grade;
        }
    }

    public Grade grade(Path folder) {
        return grade(Answer.of(folder));
    }

    public Grade grade(Answer answer) {
        return grade(AnswerYaml.read(answer));
    }

    public Grade grade(AnswerYaml yaml) {
        Instant start = Instant.now();
        Answer answer = yaml.answer();
        // the answer may say namespace: default (the lab's); that lands in its own namespace
        StaticGrader.Assessment assessment = StaticGrader.grade(yaml, LabSpecs.namespace(), true);
        Grade grade = assessment.grade();
        grade.phase(Phase.GATE.id(), Duration.between(start, Instant.now()));
        if (!assessment.applicable()) {
            grade.notRunOnCluster(assessment.documents().isEmpty() ? "the folder's YAML must be read first"
                    : "the safety gate refused the folder, so nothing of it was applied");
            return grade;
        }
        GradingNamespace space = null;
        try {
            space = GradingNamespace.open(lab, answer, grade);
            grade.gradedIn(space.name(), space.fences().lines());
            gradeIn(space.kube(), assessment, grade);
            // a node short of room in the meantime may have cost this answer what it would have earned
            NodeRoom.pressureSince(lab.kube().client(), start).ifPresent(pressure -> grade.error("The node ran short of"
                    + " room while this answer was graded (" + pressure + "): a grade made then may be wrong through no"
                    + " fault of the answer. Grade it again"));
            return grade;
        } finally {
            if (space != null) {
                grade.timed(Phase.CLEANUP.id(), space::close);
            }
            grade.took(Duration.between(start, Instant.now()));
            Progress.record("live grading of " + SpecException.display(answer.folder()), "grade", start, grade.passed());
        }
    }

    private void gradeIn(Kube kube, StaticGrader.Assessment assessment, Grade grade) {
        // the YAML's proxy is not the lab's: said already; else the Pods that answer are checked too
        boolean fakeProxySaid = !grade.findings(WORKS).isEmpty();
        try {
            ProxyStatefulSet proxy = new ProxyStatefulSet(kube, assessment.statefulSet());
            try (Timeline<V1Pod> pods = kube.watchPods(null)) {
                // the starting point is deployed already, as fits the namespace: unchanged copies of it stay out
                List<SpecDocument> own = assessment.documents().stream()
                        .filter(d -> !StartingPoint.isUnchangedCopy(d)).toList();
                try {
                    // as new objects only: nothing of the grader's or the cluster's is patched in place
                    grade.timed(Phase.APPLY.id(), () -> kube.applier().applyNew(Fences.withoutRawSockets(own)));
                } catch (SpecRefused e) {
                    grade.fail(SAFE, Finding.of(e));
                    grade.notRunOnCluster("the safety gate refused the folder, so nothing of it was applied");
                    return;
                } catch (SpecException e) {
                    Finding refused = Finding.of(e); // by the API: a quota refusal is the fence's, said so
                    grade.fail(YAML, new Finding(refused.file(), refused.line(), Fences.explained(refused.message())));
                    grade.notRunOnCluster("the API refused the folder");
                    return;
                }
                int copies = assessment.documents().size() - own.size();
                grade.verified(YAML, "the API accepted all " + own.size() + " objects" + (copies == 0 ? ""
                        : " (and " + copies + " unchanged cop" + (copies == 1 ? "y" : "ies") + " of the starting point's,"
                        + " which the grader had deployed)"));
                grade.seenOnCluster(YAML);
                checkDeploymentReplaced(kube, grade);
                if (assessment.statefulSet() == null) {
                    return;
                }
                grade.timed(Phase.PODS.id(), () -> proxy.awaitUp(grade, POD_START));
                proxy.checkCreatedInParallel(grade, pods.entries());
                grade.podLives(PodLives.of(pods.entries(), name -> StatefulSetNames.isPod(name, Exercise.PROXY)),
                        Instant.now());
            }
            grade.timed(Phase.CHECKS.id(), () -> {
                proxy.checkClaims(grade);
                proxy.checkServiceEndpoints(grade);
                if (fakeProxySaid) {
                    // not browsed: It works is not the lab's proxy's to earn
                    grade.timed(Phase.HOLD.id(), () -> proxy.reportRestarts(grade));
                } else {
                    LabProxy.onCluster(kube, proxy.readyPods()).forEach(problem -> grade.fail(WORKS, problem));
                }
                checkItWorks(kube, grade, proxy);
            });
        } finally {
            if (!grade.passed()) {
                grade.timed(Phase.DIAGNOSTICS.id(), () -> diagnose(kube, grade, assessment.grade().folder()));
            }
        }
    }

    private static void checkDeploymentReplaced(Kube kube, Grade grade) {
        grade.seenOnCluster(STATEFULSET);
        if (kube.objects().get(new ObjectRef(ResourceKind.DEPLOYMENT, kube.namespace(), Exercise.PROXY)) != null) {
            grade.fail(STATEFULSET, "after applying the folder, Deployment " + Exercise.PROXY + " exists again: its"
                    + " Pods compete with the StatefulSet's for the same Services");
        }
        if (kube.objects().get(new ObjectRef(ResourceKind.STATEFUL_SET, kube.namespace(), Exercise.PROXY)) == null) {
            grade.fail(STATEFULSET, "after applying the folder there is no StatefulSet " + Exercise.PROXY);
        } else {
            grade.verified(STATEFULSET, "on the cluster: StatefulSet " + Exercise.PROXY + ", no Deployment");
        }
    }

    private void checkItWorks(Kube kube, Grade grade, ProxyStatefulSet proxy) {
        grade.seenOnCluster(WORKS);
        if (!proxy.allReady() || !grade.findings(WORKS).isEmpty()) {
            return; // the startup, or the YAML (not the lab's proxy), has said why
        }
        if (proxy.reportedUnstable(grade)) {
            return;
        }
        String service = "Service " + Exercise.PROXY_SERVICE;
        if (kube.readyEndpointIps(Exercise.PROXY_SERVICE).isEmpty()) {
            if (kube.selectedEndpointIps(Exercise.PROXY_SERVICE).isEmpty()) {
                grade.fail(WORKS, service + " has no endpoints: it selects app=simple-proxy; the Pods are labelled "
                        + proxy.podLabels());
            } else if (!proxy.restartsSoon(grade)) {
                // selected, Ready a moment ago, not Ready now: going down, and the restart says why
                grade.fail(WORKS, service + " selects the Pods, but none of them is Ready any more");
            }
            return;
        }
        List<String> strangers = strangersBehind(kube, proxy.replicas());
        if (!strangers.isEmpty()) {
            grade.fail(WORKS, service + " also sends traffic to " + String.join(", ", strangers) + ", which "
                    + (strangers.size() == 1 ? "is not one" : "are not") + " of StatefulSet " + Exercise.PROXY + "'s"
                    + " Pods: It works is judged on the StatefulSet's Pods alone, so the grader browses nothing");
            return;
        }
        ProxyProbe.Pages pages = pages(kube);
        ProxyProbe.Result browsing = ProxyProbe.browse(pages, Set.copyOf(ProxyStatefulSet.podNames(proxy.replicas())));
        if (!browsing.problems().isEmpty() && proxy.restartsSoon(grade)) {
            return; // a Pod that crashes is why the page did not come; that is what the student reads
        }
        browsing.problems().forEach(p -> grade.fail(WORKS, p));
        if (browsing.problems().isEmpty()) {
            grade.verified(WORKS, pages.name() + " served the simple-statefulset page " + browsing.pages()
                    + " times, from " + browsing.hosts() + ", with X-Cache: HIT on a repeat");
            ProxyCache.checkFiles(kube, proxy, grade, WORKS);
        }
        grade.timed(Phase.HOLD.id(), () -> proxy.checkStable(grade));
    }

    /**
     * What the grader's Service sends traffic to besides the StatefulSet's own Pods (by name, and made
     * by the StatefulSet): the pages it would browse must come from those Pods and nothing else.
     */
    private static List<String> strangersBehind(Kube kube, int replicas) {
        List<String> own = ProxyStatefulSet.podNames(replicas);
        return kube.endpointTargets(Exercise.PROXY_SERVICE).stream().filter(target -> {
            V1Pod found = target.pod() == null || !own.contains(target.pod()) ? null : kube.pods().get(target.pod());
            return found == null || found.getMetadata().getOwnerReferences() == null
                    || found.getMetadata().getOwnerReferences().stream().noneMatch(owner -> Boolean.TRUE.equals(
                            owner.getController()) && "StatefulSet".equals(owner.getKind())
                            && Exercise.PROXY.equals(owner.getName()));
        }).map(Object::toString).toList();
    }

    /** The proxy's Service, as a person browsing to it would use it, through the API server. */
    private static ProxyProbe.Pages pages(Kube kube) {
        ServiceProxy proxy = new ServiceProxy(kube.client());
        int port = StartingPoint.proxyPort();
        return new ProxyProbe.Pages("Service " + Exercise.PROXY_SERVICE + ":" + port,
                () -> proxy.get(kube.namespace(), Exercise.PROXY_SERVICE, port, "/"));
    }

    private void diagnose(Kube kube, Grade grade, Path folder) {
        Path dir = Lab.REPORT_DIR.resolve("diagnostics").resolve("grade-" + folder.getFileName());
        List<String> lines = new ArrayList<>(new Diagnostics(kube).collect(dir));
        lines.add("(Pods, events, logs and objects: " + SpecException.display(dir) + ")");
        grade.clusterShowed(lines);
        Progress.say("grading " + SpecException.display(folder) + " failed; the cluster shows:\n  "
                + String.join("\n  ", lines));
    }
}

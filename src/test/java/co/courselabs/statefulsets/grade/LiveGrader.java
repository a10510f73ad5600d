package co.courselabs.statefulsets.grade;

import static co.courselabs.statefulsets.grade.Criterion.STATEFULSET;
import static co.courselabs.statefulsets.grade.Criterion.WORKS;
import static co.courselabs.statefulsets.grade.Criterion.YAML;

import co.courselabs.statefulsets.diag.Diagnostics;
import co.courselabs.statefulsets.k8s.ObjectRef;
import co.courselabs.statefulsets.k8s.PodLives;
import co.courselabs.statefulsets.k8s.RegistryUnavailable;
import co.courselabs.statefulsets.k8s.ResourceKind;
import co.courselabs.statefulsets.k8s.SpecException;
import co.courselabs.statefulsets.k8s.StatefulSetNames;
import co.courselabs.statefulsets.k8s.Timeline;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabCleanup;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.progress.Progress;
import io.kubernetes.client.openapi.models.V1Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Grades a solution on the cluster, doing what the lab tells the student: the starting point
 * applied and working, {@code kubectl delete deploy simple-proxy}, then the student's folder.
 * Everything it applied is removed afterwards, PVCs included.
 */
public final class LiveGrader {

    /** A proxy Pod that is not Ready by then will not be (nginx starts in about a second). */
    static final Duration POD_START = Duration.ofSeconds(60);
    private static final String PROXY_NODE_PORT_SERVICE = "simple-proxy-np";
    /** The starting point's NodePort (30040), from the specs. */
    static int proxyNodePort() {
        return LabSpecs.ports().nodePort(PROXY_NODE_PORT_SERVICE);
    }

    private final Lab lab;

    public LiveGrader(Lab lab) {
        this.lab = lab;
    }

    /**
     * Grades on the lab {@code lab} gives; anything that stops the grader (no cluster, a cluster
     * that cannot run the lab, objects of somebody else's in the way, a registry that refuses, a
     * fault of ours) is no verdict on the answer: the grade says so, with what the YAML alone shows.
     */
    public static Grade gradeOrError(java.util.function.Supplier<Lab> lab, Answer answer) {
        Instant start = Instant.now();
        try {
            return new LiveGrader(lab.get()).grade(answer);
        } catch (RuntimeException | AssertionError e) {
            Grade grade = StaticGrader.grade(answer, Lab.NAMESPACE, true).grade();
            grade.error(e instanceof RegistryUnavailable ? e.getMessage()
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
        Instant start = Instant.now();
        Path folder = answer.folder();
        StaticGrader.Assessment assessment = StaticGrader.grade(answer, Lab.NAMESPACE, true);
        Grade grade = assessment.grade();
        // the YAML's proxy is not the lab's: said already; else the Pods that answer are checked too
        boolean fakeProxySaid = !grade.findings(WORKS).isEmpty();
        if (!assessment.applicable()) {
            grade.notRunOnCluster(assessment.documents().isEmpty() ? "the folder's YAML must be read first"
                    : "the safety gate refused the folder, so nothing of it was applied");
            return grade;
        }
        List<String> foreign = lab.foreignAmong(assessment.documents());
        if (!foreign.isEmpty()) {
            throw new IllegalStateException("The cluster has objects with the names this solution uses that the grader"
                    + " did not create: " + foreign + ". Remove them, or grade on another cluster.");
        }
        List<ObjectRef> applied = new ArrayList<>();
        try {
            lab.simpleStatefulSet().awaitAllReady();
            applyStartingPoint(applied);
            ProxyStatefulSet proxy = new ProxyStatefulSet(lab, assessment.statefulSet());
            try (Timeline<V1Pod> pods = lab.kube().watchPods(null)) {
                try {
                    applied.addAll(lab.kube().applier().apply(assessment.documents()));
                } catch (SpecException e) {
                    grade.fail(YAML, Finding.of(e));
                    grade.notRunOnCluster("the API refused the folder");
                    return grade;
                }
                grade.verified(YAML, "the API accepted all " + assessment.documents().size() + " objects");
                grade.seenOnCluster(YAML);
                checkDeploymentReplaced(grade);
                if (assessment.statefulSet() == null) {
                    return grade;
                }
                proxy.awaitUp(grade, POD_START);
                proxy.checkCreatedInParallel(grade, pods.entries());
                grade.podLives(PodLives.of(pods.entries(), name -> StatefulSetNames.isPod(name, StaticGrader.NAME)),
                        Instant.now());
            }
            proxy.checkClaims(grade);
            proxy.checkServiceEndpoints(grade);
            if (!fakeProxySaid) {
                LabProxy.onCluster(lab, proxy.readyPods()).forEach(problem -> grade.fail(WORKS, problem));
            }
            if (fakeProxySaid) {
                proxy.reportRestarts(grade); // not browsed: It works is not the lab's proxy's to earn
            }
            checkItWorks(grade, proxy);
            return grade;
        } finally {
            if (!grade.passed()) {
                diagnose(grade, folder);
            }
            removeAll(applied);
            grade.took(Duration.between(start, Instant.now()));
            Progress.record("live grading of " + SpecException.display(folder), "grade", start, grade.passed());
        }
    }

    private void applyStartingPoint(List<ObjectRef> applied) {
        // The answer needs the starting point's ConfigMap and Services; its Deployment only has to be
        // replaced, and whether it worked is the lab's test (ProxyExerciseIT), not the student's grade.
        applied.addAll(lab.kube().applier().apply(LabSpecs.SIMPLE_PROXY));
        ObjectRef deployment = new ObjectRef(ResourceKind.DEPLOYMENT, Lab.NAMESPACE, StaticGrader.NAME);
        // kubectl delete deploy simple-proxy, as the exercise says
        lab.cleanup().remove(List.of(deployment));
    }

    private void checkDeploymentReplaced(Grade grade) {
        grade.seenOnCluster(STATEFULSET);
        ResourceKind deployment = ResourceKind.DEPLOYMENT;
        ResourceKind statefulSet = ResourceKind.STATEFUL_SET;
        if (lab.kube().objects().get(new ObjectRef(deployment, Lab.NAMESPACE, StaticGrader.NAME)) != null) {
            grade.fail(STATEFULSET, "after applying the folder, Deployment " + StaticGrader.NAME + " exists again: its"
                    + " Pods compete with the StatefulSet's for the same Services");
        }
        if (lab.kube().objects().get(new ObjectRef(statefulSet, Lab.NAMESPACE, StaticGrader.NAME)) == null) {
            grade.fail(STATEFULSET, "after applying the folder there is no StatefulSet " + StaticGrader.NAME);
        } else {
            grade.verified(STATEFULSET, "on the cluster: StatefulSet " + StaticGrader.NAME + ", no Deployment");
        }
    }

    private void checkItWorks(Grade grade, ProxyStatefulSet proxy) {
        grade.seenOnCluster(WORKS);
        if (!proxy.allReady() || !grade.findings(WORKS).isEmpty()) {
            return; // the startup, or the YAML (not the lab's proxy), has said why
        }
        if (proxy.reportedUnstable(grade)) {
            return;
        }
        if (lab.kube().readyEndpointIps(PROXY_NODE_PORT_SERVICE).isEmpty()) {
            String service = "Service " + PROXY_NODE_PORT_SERVICE + " (NodePort " + proxyNodePort() + ")";
            if (lab.kube().selectedEndpointIps(PROXY_NODE_PORT_SERVICE).isEmpty()) {
                grade.fail(WORKS, service + " has no endpoints: it selects app=simple-proxy; the Pods are labelled "
                        + proxy.podLabels());
            } else if (!proxy.restartsSoon(grade)) {
                // selected, Ready a moment ago, not Ready now: going down, and the restart says why
                grade.fail(WORKS, service + " selects the Pods, but none of them is Ready any more");
            }
            return;
        }
        String url = lab.kube().nodePortUrl(proxyNodePort());
        ProxyProbe.Result browsing = ProxyProbe.browse(url, Set.copyOf(podNames(proxy.replicas())));
        if (!browsing.problems().isEmpty() && proxy.restartsSoon(grade)) {
            return; // a Pod that crashes is why the page did not come; that is what the student reads
        }
        browsing.problems().forEach(p -> grade.fail(WORKS, p));
        if (browsing.problems().isEmpty()) {
            grade.verified(WORKS, url + " served the simple-statefulset page " + browsing.pages() + " times, from "
                    + browsing.hosts() + ", with X-Cache: HIT on a repeat");
            ProxyCache.checkFiles(lab, proxy, grade, WORKS);
        }
        proxy.checkStable(grade);
    }

    private void diagnose(Grade grade, Path folder) {
        Path dir = Lab.REPORT_DIR.resolve("diagnostics").resolve("grade-" + folder.getFileName());
        List<String> lines = new ArrayList<>(new Diagnostics(lab.kube()).collect(dir));
        lines.add("(Pods, events, logs and objects: " + SpecException.display(dir) + ")");
        grade.clusterShowed(lines);
        Progress.say("grading " + SpecException.display(folder) + " failed; the cluster shows:\n  "
                + String.join("\n  ", lines));
    }

    private void removeAll(List<ObjectRef> applied) {
        // the next grading's proxies take the same names: these must have stopped answering
        lab.cleanup().removeApplied(applied, LabCleanup.STOPPED);
        lab.cleanup().removeClaims(lab.cleanup().markedClaims().stream()
                .filter(claim -> claim.name().matches(StatefulSetNames.claimPattern(null, StaticGrader.NAME)))
                .toList());
    }

    static List<String> podNames(int replicas) {
        return StatefulSetNames.pods(StaticGrader.NAME, replicas);
    }
}

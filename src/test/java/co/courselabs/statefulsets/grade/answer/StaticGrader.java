package co.courselabs.statefulsets.grade.answer;

import static co.courselabs.statefulsets.grade.Criterion.CACHE_CLAIM;
import static co.courselabs.statefulsets.grade.Criterion.PARALLEL;
import static co.courselabs.statefulsets.grade.Criterion.SAFE;
import static co.courselabs.statefulsets.grade.Criterion.SERVICE;
import static co.courselabs.statefulsets.grade.Criterion.STATEFULSET;
import static co.courselabs.statefulsets.grade.Criterion.WORKS;
import static co.courselabs.statefulsets.grade.Criterion.YAML;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.spec.ResourceKind;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecDocument.Values;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Grades what can be read in the student's YAML, without a cluster, in well under a second. */
public final class StaticGrader {


    /** The grade so far, what was read, and whether the folder may be applied to a cluster. */
    public record Assessment(Grade grade, List<SpecDocument> documents, SpecDocument statefulSet, boolean applicable) {
    }

    private StaticGrader() {
    }

    public static Assessment grade(Path folder, String namespace, boolean live) {
        return grade(Answer.of(folder), namespace, live);
    }

    public static Assessment grade(Answer answer, String namespace, boolean live) {
        return grade(AnswerYaml.read(answer), namespace, live);
    }

    /** Judges a reading of the answer's folder (read once, for every grade made of it). */
    public static Assessment grade(AnswerYaml yaml, String namespace, boolean live) {
        Path folder = yaml.answer().folder();
        Grade grade = new Grade(folder, live);
        if (!yaml.refused().isEmpty()) {
            return refused(grade, yaml.refused());
        }
        if (yaml.fault() != null) {
            grade.fail(YAML, Finding.of(yaml.fault()));
            notRunAfter(grade, "the folder's YAML must be read first");
            return new Assessment(grade, List.of(), null, false);
        }
        List<SpecDocument> documents = yaml.documents();
        if (documents.isEmpty()) {
            grade.fail(YAML, Finding.general(folder + " holds no Kubernetes objects"));
            notRunAfter(grade, "the folder has no objects");
            return new Assessment(grade, documents, null, false);
        }
        grade.verified(YAML, documents.size() + " objects read: " + String.join(", ",
                documents.stream().map(SpecDocument::ref).toList()));

        List<Finding> refusals = SafetyGate.check(documents, namespace);
        refusals.forEach(f -> grade.fail(SAFE, f));
        if (refusals.isEmpty()) {
            grade.verified(SAFE, "only " + String.join(", ", documents.stream().map(SpecDocument::kind).distinct()
                    .sorted().toList()) + ", in the lab's namespace: no privileges, host access, other accounts' rights"
                    + " or objects of the lab's own");
        }

        SpecDocument statefulSet = checkStatefulSet(grade, documents);
        if (statefulSet != null) {
            checkParallel(grade, statefulSet);
            checkCacheClaim(grade, statefulSet);
            checkService(grade, statefulSet, documents);
            checkLabProxy(grade, statefulSet);
        }
        return new Assessment(grade, documents, statefulSet, refusals.isEmpty());
    }

    /** The files could not be read safely: nothing else is judged, and nothing reaches a cluster. */
    private static Assessment refused(Grade grade, List<Finding> refusals) {
        refusals.forEach(f -> grade.fail(SAFE, f));
        for (Criterion criterion : Criterion.values()) {
            if (criterion != SAFE) {
                grade.notRun(criterion, "the safety gate refused the folder, so none of it was read");
            }
        }
        return new Assessment(grade, List.of(), null, false);
    }

    /**
     * "It works" can only be earned by the lab's proxy: a fake one fails it here, before any cluster.
     * (Another workload whose Pods would pass for the StatefulSet's is the safety gate's to refuse.)
     */
    private static void checkLabProxy(Grade grade, SpecDocument set) {
        Object[] spec = {"spec", "template", "spec"};
        for (LabProxy.Problem problem : LabProxy.problems(Values.map(set.content(), spec))) {
            grade.fail(WORKS, Finding.at(set, problem.message(), PodSecurity.append(spec, problem.at())));
        }
    }

    /** Whether a Service's {@code selector} (equality, as written in YAML) selects Pods labelled {@code labels}. */
    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && selector.entrySet().stream()
                .allMatch(e -> Objects.equals(String.valueOf(labels.get(e.getKey())), String.valueOf(e.getValue())));
    }

    static boolean is(SpecDocument document, ResourceKind kind) {
        return ResourceKind.known(document.apiVersion(), document.kind()).equals(Optional.of(kind));
    }

    private static void notRunAfter(Grade grade, String reason) {
        for (Criterion criterion : Criterion.values()) {
            if (criterion != YAML) {
                grade.notRun(criterion, reason);
            }
        }
    }

    private static SpecDocument checkStatefulSet(Grade grade, List<SpecDocument> documents) {
        documents.stream().filter(d -> is(d, ResourceKind.DEPLOYMENT) && d.name().equals(Exercise.PROXY)).findFirst()
                .ifPresent(d -> grade.fail(STATEFULSET, Finding.at(d, "the folder still defines Deployment "
                        + Exercise.PROXY + ": the exercise replaces it with a StatefulSet (and kubectl delete deploy "
                        + Exercise.PROXY + ")", "kind")));
        Optional<SpecDocument> found = documents.stream()
                .filter(d -> is(d, ResourceKind.STATEFUL_SET) && d.name().equals(Exercise.PROXY)).findFirst();
        if (found.isEmpty()) {
            List<String> others = documents.stream().filter(d -> is(d, ResourceKind.STATEFUL_SET))
                    .map(d -> d.ref() + " (" + d.where("metadata", "name") + ")").toList();
            grade.fail(STATEFULSET, Finding.general("no StatefulSet named " + Exercise.PROXY + " in the folder"
                    + (others.isEmpty() ? "" : "; found " + String.join(", ", others) + ": the lab's name is "
                    + Exercise.PROXY)));
            for (Criterion criterion : List.of(PARALLEL, CACHE_CLAIM, SERVICE, Criterion.WORKS)) {
                grade.notRun(criterion, "there is no StatefulSet " + Exercise.PROXY + " to check");
            }
            return null;
        }
        grade.verified(STATEFULSET, "StatefulSet " + Exercise.PROXY + " (" + found.get().where() + ")");
        return found.get();
    }

    private static void checkParallel(Grade grade, SpecDocument set) {
        Object policy = set.at("spec", "podManagementPolicy").orElse(null);
        if (policy == null) {
            grade.fail(PARALLEL, Finding.at(set, "podManagementPolicy is not set, so the Pods are created one by one"
                    + " (OrderedReady); the proxies need no order: set podManagementPolicy: Parallel", "spec"));
        } else if (!"Parallel".equals(policy)) {
            grade.fail(PARALLEL, Finding.at(set, "podManagementPolicy is " + policy + "; the proxies need no order:"
                    + " set podManagementPolicy: Parallel", "spec", "podManagementPolicy"));
        } else {
            grade.verified(PARALLEL, "podManagementPolicy: Parallel (" + set.where("spec", "podManagementPolicy") + ")");
        }
    }

    /** The first volume mounted at /cache: which one, by which container, where, and whether a claim template. */
    public record CacheMount(String volume, String container, boolean fromClaimTemplate, Object[] at) {
    }

    public static Optional<CacheMount> cacheMount(SpecDocument set) {
        List<String> templateNames = claimTemplateNames(set);
        List<Object> containers = Values.list(set.content(), "spec", "template", "spec", "containers");
        for (int c = 0; c < containers.size(); c++) {
            List<Object> mounts = Values.list(containers.get(c), "volumeMounts");
            for (int m = 0; m < mounts.size(); m++) {
                if (LabProxy.mountPath(mounts.get(m)).equals(Exercise.CACHE_PATH)) {
                    String volume = String.valueOf(Values.at(mounts.get(m), "name"));
                    return Optional.of(new CacheMount(volume, String.valueOf(Values.at(containers.get(c), "name")),
                            templateNames.contains(volume),
                            new Object[] {"spec", "template", "spec", "containers", c, "volumeMounts", m}));
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> claimTemplateNames(SpecDocument set) {
        return Values.list(set.content(), "spec", "volumeClaimTemplates").stream()
                .map(t -> String.valueOf(Values.at(t, "metadata", "name"))).toList();
    }

    private static void checkCacheClaim(Grade grade, SpecDocument set) {
        Optional<CacheMount> found = cacheMount(set);
        if (found.isEmpty()) {
            List<String> templateNames = claimTemplateNames(set);
            grade.fail(CACHE_CLAIM, Finding.at(set, "no container mounts " + Exercise.CACHE_PATH + ": the proxy keeps its cache"
                    + " there" + (templateNames.isEmpty() ? ", and there are no volumeClaimTemplates"
                            : "; mount claim template " + templateNames + " at " + Exercise.CACHE_PATH),
                    "spec", "template", "spec", "containers"));
            return;
        }
        CacheMount mount = found.get();
        if (mount.fromClaimTemplate()) {
            grade.verified(CACHE_CLAIM, "container " + mount.container() + " mounts claim template '" + mount.volume()
                    + "' at " + Exercise.CACHE_PATH + " (" + set.where(mount.at()) + ")");
        } else {
            grade.fail(CACHE_CLAIM, Finding.at(set, Exercise.CACHE_PATH + " is mounted from volume '" + mount.volume() + "', "
                    + describeVolume(set, mount.volume()) + ": its files go when the Pod goes. Mount a"
                    + " volumeClaimTemplates entry at " + Exercise.CACHE_PATH + " so each Pod keeps its own PVC", mount.at()));
        }
    }

    private static String describeVolume(SpecDocument set, String volume) {
        return Values.list(set.content(), "spec", "template", "spec", "volumes").stream()
                .filter(v -> volume.equals(Values.at(v, "name")))
                .findFirst()
                .map(v -> Values.at(v, "emptyDir") != null ? "an emptyDir"
                        : Values.at(v, "hostPath") != null ? "a hostPath"
                        : "a volume of the Pod, not a claim template")
                .orElse("which is neither a volume of the Pod nor a claim template");
    }

    private static void checkService(Grade grade, SpecDocument set, List<SpecDocument> documents) {
        Object serviceName = set.at("spec", "serviceName").orElse(null);
        if (serviceName == null || String.valueOf(serviceName).isBlank()) {
            grade.fail(SERVICE, Finding.at(set, "serviceName is missing: a StatefulSet needs a governing (headless)"
                    + " Service, named in spec.serviceName", "spec"));
            return;
        }
        Optional<SpecDocument> service = documents.stream()
                .filter(d -> is(d, ResourceKind.SERVICE) && d.name().equals(serviceName)).findFirst();
        if (service.isEmpty()) {
            grade.fail(SERVICE, Finding.at(set, "serviceName is " + serviceName + ", but the folder has no Service named "
                    + serviceName, "spec", "serviceName"));
            return;
        }
        SpecDocument svc = service.get();
        if (!"None".equals(svc.text("spec", "clusterIP"))) {
            grade.fail(SERVICE, Finding.at(svc, "Service " + serviceName + " is not headless: set clusterIP: None, so"
                    + " each Pod gets its own DNS name", "spec"));
        }
        Map<String, Object> selector = Values.map(svc.content(), "spec", "selector");
        Map<String, Object> labels = Values.map(set.content(), "spec", "template", "metadata", "labels");
        if (!selects(selector, labels)) {
            grade.fail(SERVICE, Finding.at(svc, "Service " + serviceName + " selects " + selector + ", but the Pods are"
                    + " labelled " + labels, "spec", "selector"));
        }
        if (grade.findings(SERVICE).isEmpty()) {
            grade.verified(SERVICE, "headless Service " + serviceName + " selecting " + selector + " (" + svc.where() + ")");
        }
    }
}

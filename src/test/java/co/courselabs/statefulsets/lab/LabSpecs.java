package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.progress.Reports;
import co.courselabs.statefulsets.settings.LabSettings;
import co.courselabs.statefulsets.spec.ServicePorts;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the lab's specs live, named as the lab names them: this project's {@code specs/} (with the
 * exercise's answer in {@code specs/solution}), or, with {@code -Dlab.folder=DIR}, a lab folder laid
 * out as in the course repository ({@code DIR/specs/...}, the answer in {@code DIR/solution}).
 */
public final class LabSpecs {

    public static final Path BASE = Reports.BASE;
    /**
     * The course's lab folder, when the suite tests a maintainer's YAML; null for this project's own,
     * and for the grader's self-tests ({@code -Dlab.selftest}), which grade our answers against our specs.
     */
    public static final Path FOLDER = LabSettings.get().selfTest() || LabSettings.get().labFolder() == null ? null
            : LabSettings.get().underProject(LabSettings.get().labFolder());
    public static final Path SPECS = FOLDER == null ? BASE.resolve("specs") : FOLDER.resolve("specs");

    public static final Path SIMPLE = SPECS.resolve("simple");
    public static final Path SIMPLE_UPDATE = SPECS.resolve("simple/update");
    public static final Path SLEEP_POD = SPECS.resolve("sleep-pod.yaml");
    public static final Path PRODUCTS_DB = SPECS.resolve("products-db");
    public static final Path PRODUCTS_DB_UPDATE = SPECS.resolve("products-db/update");
    public static final Path SIMPLE_PROXY = SPECS.resolve("simple-proxy");
    public static final Path SOLUTION = FOLDER == null ? SPECS.resolve("solution") : FOLDER.resolve("solution");
    public static final Path ADMINER = SPECS.resolve("adminer");

    /** Every spec the suite may apply, for the check that nobody else's objects carry these names. */
    public static final List<Path> ALL = List.of(SIMPLE, SIMPLE_UPDATE, SLEEP_POD, PRODUCTS_DB, PRODUCTS_DB_UPDATE,
            SIMPLE_PROXY, SOLUTION, ADMINER);

    /** {@code <pod>.<service>.<namespace>.svc.cluster.local}, as the lab's specs write a Pod's DNS name. */
    private static final Pattern POD_DNS_NAME =
            Pattern.compile("([a-z0-9-]+)\\.([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.cluster\\.local");

    private static ServicePorts ports;
    private static String namespace;

    private LabSpecs() {
    }

    /**
     * Fails at once, saying what it looked for, when a spec the suite applies is not there: a
     * folder that is not a lab folder, or one the course has reorganised.
     */
    public static void requireAll() {
        List<String> missing = ALL.stream().filter(p -> !Files.exists(p))
                .map(p -> (FOLDER == null ? BASE : FOLDER).relativize(p).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new LabFolderInvalid((FOLDER == null ? "This project" : "The lab folder " + FOLDER)
                    + " lacks what the suite applies: " + String.join(", ", missing) + ". A lab folder holds specs/simple,"
                    + " specs/simple/update, specs/sleep-pod.yaml, specs/products-db, specs/products-db/update,"
                    + " specs/simple-proxy, specs/adminer and the exercise's answer in solution/, as the course"
                    + " repository's labs/statefulsets does.");
        }
    }

    /** The ports the lab's Services open on the node, from the specs themselves. */
    public static synchronized ServicePorts ports() {
        if (ports == null) {
            requireAll();
            ports = new ServicePorts(ALL.stream().flatMap(p -> SpecReader.read(p).stream()).toList());
        }
        return ports;
    }

    /**
     * The namespace the lab runs in: the one its specs name in the Pods' DNS names they use (simple's
     * {@code simple-statefulset-0.simple-statefulset.<namespace>.svc.cluster.local}, adminer's
     * products-db-0's). The lab writes it into its specs, so its objects must be there.
     */
    public static synchronized String namespace() {
        if (namespace == null) {
            requireAll();
            List<SpecDocument> documents = ALL.stream().flatMap(p -> SpecReader.read(p).stream()).toList();
            Set<String> services = documents.stream().filter(d -> d.kind().equals("Service")).map(SpecDocument::name)
                    .collect(Collectors.toSet());
            Set<String> named = new TreeSet<>();
            documents.forEach(d -> SpecDocument.Values.copy(d.content(), text -> {
                POD_DNS_NAME.matcher(text).results().filter(m -> services.contains(m.group(2)))
                        .forEach(m -> named.add(m.group(3)));
                return text;
            }));
            if (named.size() != 1) {
                throw new LabFolderInvalid((FOLDER == null ? "This project's" : "The lab folder " + FOLDER + "'s")
                        + " specs name " + (named.isEmpty() ? "no namespace" : "the namespaces " + named) + " in their"
                        + " Pods' DNS names (<pod>.<service>.<namespace>.svc.cluster.local): the lab runs in the one"
                        + " namespace they name.");
            }
            namespace = named.iterator().next();
        }
        return namespace;
    }

    /** {@code -Dlab.solutions=DIR}: a class's answers, one sub-folder each. */
    public static Path solutionsToGrade() {
        return folderProperty("lab.solutions", LabSettings.get().solutions(),
                "the folder of a class's answers, one sub-folder each");
    }

    /** {@code -Dlab.grades=DIR}: grades made elsewhere, {@code DIR/<name>/grade.json}, to merge. */
    public static Path gradesToMerge() {
        return folderProperty("lab.grades", LabSettings.get().grades(),
                "the folder of the grades to merge, DIR/<name>/grade.json");
    }

    private static Path folderProperty(String property, String given, String what) {
        if (given == null || given.isBlank()) {
            throw new IllegalArgumentException("-D" + property + " names " + what);
        }
        return LabSettings.get().underProject(given);
    }

    /**
     * The folder to grade: {@code -Dlab.solution=DIR} (absolute, or relative to the project), else our
     * reference solution (what the grading classes check when run without the property, e.g. from an IDE).
     */
    public static Path solutionToGrade() {
        String given = LabSettings.get().solution();
        if (given == null) {
            return SOLUTION;
        }
        if (given.isBlank()) {
            throw new IllegalArgumentException("-Dlab.solution is empty: name the folder to grade, e.g."
                    + " -Dlab.solution=solution");
        }
        return LabSettings.get().underProject(given);
    }
}

package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.k8s.ServicePorts;
import co.courselabs.statefulsets.k8s.SpecReader;
import co.courselabs.statefulsets.progress.Reports;
import java.nio.file.Path;
import java.util.List;

/** Where the lab's specs live in this project ({@code specs/}), named as the lab names them. */
public final class LabSpecs {

    public static final Path BASE = Reports.BASE;
    public static final Path SPECS = BASE.resolve("specs");

    public static final Path SIMPLE = SPECS.resolve("simple");
    public static final Path SIMPLE_UPDATE = SPECS.resolve("simple/update");
    public static final Path SLEEP_POD = SPECS.resolve("sleep-pod.yaml");
    public static final Path PRODUCTS_DB = SPECS.resolve("products-db");
    public static final Path PRODUCTS_DB_UPDATE = SPECS.resolve("products-db/update");
    public static final Path SIMPLE_PROXY = SPECS.resolve("simple-proxy");
    public static final Path SOLUTION = SPECS.resolve("solution");
    public static final Path ADMINER = SPECS.resolve("adminer");

    /** Every spec the suite may apply, for the check that nobody else's objects carry these names. */
    public static final List<Path> ALL = List.of(SIMPLE, SIMPLE_UPDATE, SLEEP_POD, PRODUCTS_DB, PRODUCTS_DB_UPDATE,
            SIMPLE_PROXY, SOLUTION, ADMINER);

    private static ServicePorts ports;

    private LabSpecs() {
    }

    /** The ports the lab's Services open on the node, from the specs themselves. */
    public static synchronized ServicePorts ports() {
        if (ports == null) {
            ports = new ServicePorts(ALL.stream().flatMap(p -> SpecReader.read(p).stream()).toList());
        }
        return ports;
    }

    /**
     * The folder to grade: {@code -Dlab.solution=DIR} (absolute, or relative to the project), else our
     * reference solution (what the grading classes check when run without the property, e.g. from an IDE).
     */
    public static Path solutionToGrade() {
        String given = System.getProperty("lab.solution");
        if (given == null) {
            return SOLUTION;
        }
        if (given.isBlank()) {
            throw new IllegalArgumentException("-Dlab.solution is empty: name the folder to grade, e.g."
                    + " -Dlab.solution=solution");
        }
        Path path = Path.of(given.strip());
        return path.isAbsolute() ? path : BASE.resolve(path).normalize();
    }
}

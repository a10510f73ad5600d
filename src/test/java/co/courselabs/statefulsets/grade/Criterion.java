package co.courselabs.statefulsets.grade;

/**
 * What a solution to the exercise is graded on: each criterion's checks are code, keyed by its id;
 * what it is called and worth is the rubric's ({@link Rubric}).
 */
public enum Criterion {

    YAML("yaml", true),
    STATEFULSET("statefulset", true),
    PARALLEL("parallel", true),
    CACHE_CLAIM("cache-pvc", true),
    SERVICE("service", true),
    WORKS("works", true),
    SAFE("safe", false);

    private final String id;
    private final boolean needsCluster;

    Criterion(String id, boolean needsCluster) {
        this.id = id;
        this.needsCluster = needsCluster;
    }

    public String id() {
        return id;
    }

    /** The criterion of {@code id}, if there is one. */
    public static java.util.Optional<Criterion> of(String id) {
        return java.util.Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** Whether part of it can only be seen on a cluster (so a static run leaves it undecided). */
    public boolean needsCluster() {
        return needsCluster;
    }
}

package co.courselabs.statefulsets.grade;

/** What a solution to the exercise is graded on, worth 100 points in all. */
public enum Criterion {

    YAML("yaml", "The folder has YAML that parses, and the API accepts it", 10, true),
    STATEFULSET("statefulset", "A StatefulSet named simple-proxy replaces the Deployment", 15, true),
    PARALLEL("parallel", "The Pods are created in parallel (podManagementPolicy: Parallel)", 15, true),
    CACHE_CLAIM("cache-pvc", "Each Pod gets its own PVC for /cache, from volumeClaimTemplates", 20, true),
    SERVICE("service", "The Service named in serviceName exists, is headless and selects the Pods", 10, true),
    WORKS("works", "It works: the proxy's Service serves the site from the proxy's cache, kept in each Pod's /cache",
            20, true),
    SAFE("safe", "Safe to apply: only the exercise's kinds, in its namespace, without privileges, host access or others' rights",
            10, false);

    private final String id;
    private final String title;
    private final int points;
    private final boolean needsCluster;

    Criterion(String id, String title, int points, boolean needsCluster) {
        this.id = id;
        this.title = title;
        this.points = points;
        this.needsCluster = needsCluster;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The points of every criterion together: a grade's maximum. */
    public static int total() {
        return java.util.Arrays.stream(values()).mapToInt(Criterion::points).sum();
    }

    public int points() {
        return points;
    }

    /** How test reports name it: {@code yaml (10 points): The folder has YAML ...}. */
    public String testName() {
        return id + " (" + points + " points): " + title;
    }

    /** Whether part of it can only be seen on a cluster (so a static run leaves it undecided). */
    public boolean needsCluster() {
        return needsCluster;
    }
}

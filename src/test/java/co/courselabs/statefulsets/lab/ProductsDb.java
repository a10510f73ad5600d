package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.PodLives;
import co.courselabs.statefulsets.k8s.PodStates;
import co.courselabs.statefulsets.k8s.Pods.ExecResult;
import co.courselabs.statefulsets.k8s.Timeline;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.progress.Waits;
import co.courselabs.statefulsets.spec.StatefulSetNames;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The lab's {@code specs/products-db}: Postgres as a primary and a hot standby, each Pod with its
 * own PVC. SQL runs through {@code kubectl exec ... psql}, as a person would run it: no port-forward
 * tunnel or JDBC driver to manage, and it works the same on every backend.
 */
public final class ProductsDb {

    public static final String NAME = "products-db";
    public static final String SELECTOR = "app=products-db";
    public static final int REPLICAS = 2;
    public static final String CONTAINER = "app";
    public static final String PASSWORD = "w1dgetar!0";

    private final Kube kube;
    private final List<Timeline.Entry<V1Pod>> podChanges;
    private final List<Timeline.Entry<V1PersistentVolumeClaim>> claimChanges;
    private String markerRow;
    private final Once<RollingUpdate> update = new Once<>();

    /**
     * The lab's update of the database, as it happened: the row written before it, the PVCs' UIDs
     * before it, the old Pods' UIDs, and every change to the Pods from one watch.
     */
    public record RollingUpdate(String rowBefore, Map<String, String> claimUidsBefore, Map<String, String> oldPodUids,
            List<Timeline.Entry<V1Pod>> changes) {
    }

    private ProductsDb(Kube kube, List<Timeline.Entry<V1Pod>> podChanges,
            List<Timeline.Entry<V1PersistentVolumeClaim>> claimChanges) {
        this.kube = kube;
        this.podChanges = podChanges;
        this.claimChanges = claimChanges;
    }

    /** Applies {@code specs/products-db} with watches on its Pods and PVCs already open; waits for both Pods. */
    static ProductsDb deploy(Kube kube) {
        try (Timeline<V1Pod> pods = kube.watchPods(SELECTOR); Timeline<V1PersistentVolumeClaim> claims =
                kube.watchClaims(SELECTOR)) {
            kube.applier().apply(LabSpecs.PRODUCTS_DB);
            for (int ordinal = 0; ordinal < REPLICAS; ordinal++) {
                kube.pods().awaitReady(pod(ordinal));
            }
            List<Timeline.Entry<V1Pod>> podChanges = pods.entries();
            Progress.chart("The database's Pods (specs/products-db)", PodLives.of(podChanges, name -> true));
            return new ProductsDb(kube, podChanges, claims.entries());
        }
    }

    public static String pod(int ordinal) {
        return StatefulSetNames.pod(NAME, ordinal);
    }

    public static String claim(int ordinal) {
        return StatefulSetNames.claim("data", NAME, ordinal);
    }

    public List<Timeline.Entry<V1Pod>> podChanges() {
        return podChanges;
    }

    public List<Timeline.Entry<V1PersistentVolumeClaim>> claimChanges() {
        return claimChanges;
    }

    /** {@code kubectl exec products-db-N -- psql -U postgres -tA -c SQL}. */
    public ExecResult psql(int ordinal, String sql) {
        return kube.pods().exec(pod(ordinal), CONTAINER, "psql", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-tA",
                "-c", sql);
    }

    /** The query's output, failing with psql's own message when it does not run. */
    public String query(int ordinal, String sql) {
        ExecResult result = psql(ordinal, sql);
        if (result.exitCode() != 0) {
            throw new AssertionError("psql on " + pod(ordinal) + " failed (exit " + result.exitCode() + ") for `" + sql
                    + "`: " + result.output().strip());
        }
        return result.stdout().strip();
    }

    /** Waits for Postgres on the Pod to answer queries (a standby needs a moment after it starts). */
    public void awaitAcceptingQueries(int ordinal) {
        Waits.forValue("Postgres on " + pod(ordinal) + " answering queries", Duration.ofSeconds(90),
                () -> psql(ordinal, "select 1"), answer -> answer.exitCode() == 0);
    }

    /**
     * Applies {@code specs/products-db/update} once, with a watch already open, and waits for both
     * Pods to be replaced and Ready again (Pod-1 first). A failure is remembered, so every check
     * after the update fails with its cause rather than passing for the old Pods.
     */
    public RollingUpdate rollingUpdate() {
        return update.get(() -> {
            String row = markerRow();
            Map<String, String> claims = Map.of(claim(0), claimUid(claim(0)), claim(1), claimUid(claim(1)));
            Map<String, String> pods = Map.of(pod(0), PodStates.uid(kube.pods().get(pod(0))),
                    pod(1), PodStates.uid(kube.pods().get(pod(1))));
            try (Timeline<V1Pod> timeline = kube.watchPods(SELECTOR)) {
                kube.applier().apply(LabSpecs.PRODUCTS_DB_UPDATE);
                kube.pods().awaitReplacedAndReady(pod(1), pods.get(pod(1)));
                kube.pods().awaitReplacedAndReady(pod(0), pods.get(pod(0)));
                List<Timeline.Entry<V1Pod>> changes = timeline.entries();
                Progress.chart("The database's rolling update (specs/products-db/update)",
                        PodLives.of(changes, name -> true));
                return new RollingUpdate(row, claims, pods, changes);
            }
        });
    }

    public String claimUid(String name) {
        V1PersistentVolumeClaim claim = kube.claim(name);
        if (claim == null) {
            throw new AssertionError("PVC " + name + " does not exist");
        }
        return claim.getMetadata().getUid();
    }

    /**
     * A row written once on the primary for this run, so that the replication and the rolling
     * update check the same data. Returns the row's name.
     */
    public synchronized String markerRow() {
        if (markerRow == null) {
            String name = "lab-test-" + UUID.randomUUID().toString().substring(0, 8);
            query(0, "INSERT INTO products (id, name, price, stock) VALUES ("
                    + "(SELECT COALESCE(MAX(id), 0) + 1 FROM products), '" + name + "', 1.00, 1)");
            markerRow = name;
        }
        return markerRow;
    }
}

package co.courselabs.statefulsets.lab;

import static co.courselabs.statefulsets.lab.ProductsDb.claim;
import static co.courselabs.statefulsets.lab.ProductsDb.pod;
import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.k8s.LogFollower;
import co.courselabs.statefulsets.k8s.LogFollower.Expected;
import co.courselabs.statefulsets.k8s.PodStates;
import co.courselabs.statefulsets.k8s.Pods.ExecResult;
import co.courselabs.statefulsets.k8s.Timeline;
import co.courselabs.statefulsets.progress.Waits;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@LabScenario
@ResourceLock(ProductsDb.NAME)
@DisplayName("Deploy a replicated SQL database")
class ReplicatedDatabaseIT {

    private static final Duration POSTGRES_START = Duration.ofSeconds(120);
    /** Both Postgres 11 (the image on Docker Hub) and 15 (the lab cluster's) say this when the server is up. */
    private static final String READY = "database system is ready to accept";

    private final Lab lab;
    private ProductsDb db;

    ReplicatedDatabaseIT(Lab lab) {
        this.lab = lab;
    }

    @BeforeAll
    void deploy() {
        db = lab.productsDb();
    }

    @Test
    @Order(1)
    @DisplayName("a PVC is created for Pod-0, then when Pod-0 is running another PVC is created for Pod-1")
    void eachPodGetsItsOwnClaimInOrder() {
        List<Timeline.Entry<V1PersistentVolumeClaim>> claims = db.claimChanges();
        Timeline.Entry<V1PersistentVolumeClaim> first = added(claims, claim(0));
        Timeline.Entry<V1PersistentVolumeClaim> second = added(claims, claim(1));
        Timeline.Entry<V1Pod> pod0Running = Timeline.requireFirst(db.podChanges(), pod(0), "running",
                PodStates::isRunning, PodStates::summary);
        // Revisions come from the one store behind both watches, so they order a PVC against a Pod.
        assertThat(first.revision()).as("%s is created before %s", claim(0), claim(1))
                .isLessThan(second.revision());
        assertThat(second.revision())
                .as("%s was created (revision %d) before %s was running (revision %d): the StatefulSet did not wait"
                        + " for Pod-0", claim(1), second.revision(), pod(0), pod0Running.revision())
                .isGreaterThan(pod0Running.revision());
    }

    @Test
    @Order(2)
    @DisplayName("each PVC is Bound, labelled app: products-db, and mounted by its own Pod")
    void claimsAreBoundLabelledAndMountedByTheirPod() {
        for (int ordinal = 0; ordinal < ProductsDb.REPLICAS; ordinal++) {
            String name = claim(ordinal);
            Waits.forValue("PVC " + name + " Bound", Duration.ofSeconds(60),
                    () -> lab.kube().claim(name) == null ? "missing" : lab.kube().claim(name).getStatus().getPhase(),
                    "Bound"::equals);
            assertThat(lab.kube().claim(name).getMetadata().getLabels())
                    .as("labels of PVC %s", name)
                    .containsEntry("app", "products-db");
            assertThat(claimMountedAsData(pod(ordinal)))
                    .as("the claim behind the data volume of %s", pod(ordinal))
                    .isEqualTo(name);
        }
    }

    @Test
    @Order(3)
    @DisplayName("the logs of Pod-0 show it sets itself up as the primary, then accepts connections")
    void primaryLogsSayPrimaryThenReady() {
        try (LogFollower log = new LogFollower(lab.pods(), pod(0), ProductsDb.CONTAINER)) {
            log.awaitInOrder(POSTGRES_START,
                    Expected.containing("** Postgres primary **"),
                    // the server that takes clients listens on the network; initdb's temporary one does not
                    new Expected("Postgres listening on the network", line -> line.matches(".*listening on IPv[46].*")),
                    Expected.containing(READY + " connections"));
        }
    }

    @Test
    @Order(4)
    @DisplayName("the logs of Pod-1 show it sets itself up as the secondary, then accepts read-only connections")
    void standbyLogsSayStandbyThenReady() {
        try (LogFollower log = new LogFollower(lab.pods(), pod(1), ProductsDb.CONTAINER)) {
            log.awaitInOrder(POSTGRES_START,
                    Expected.containing("** Postgres standby - waiting on DNS for primary **"),
                    // "read-only" in Postgres 15, "read only" in 11: both start with "read"
                    Expected.containing(READY + " read"));
        }
    }

    @Test
    @Order(5)
    @DisplayName("the 4 products of the seed data are on the primary and on the secondary")
    void seededProductsAreOnBothPods() {
        for (int ordinal = 0; ordinal < ProductsDb.REPLICAS; ordinal++) {
            db.awaitAcceptingQueries(ordinal);
            assertThat(db.query(ordinal, "SELECT count(*) FROM products WHERE name NOT LIKE 'lab-test-%'"))
                    .as("seeded rows in public.products on %s", pod(ordinal))
                    .isEqualTo("4");
        }
    }

    @Test
    @Order(6)
    @DisplayName("a row written on the primary can be read on the secondary")
    void rowWrittenOnPrimaryIsReadOnSecondary() {
        String row = db.markerRow();
        awaitRowOn(1, row);
    }

    @Test
    @Order(7)
    @DisplayName("a write on the secondary fails: it is a read-only transaction")
    void writeOnSecondaryFails() {
        db.awaitAcceptingQueries(1);
        ExecResult write = db.psql(1, "INSERT INTO products (id, name, price, stock) VALUES (-1, 'lab-test-x', 1, 1)");
        assertThat(write.exitCode()).as("exit code of an INSERT on %s (output: %s)", pod(1), write.output().strip())
                .isNotZero();
        assertThat(write.stderr()).as("psql's error on %s", pod(1)).contains("read-only transaction");
    }

    @Test
    @Order(8)
    @DisplayName("the secondary is a hot standby of the primary (it is in recovery, streaming from Pod-0)")
    void secondaryIsAHotStandby() {
        db.awaitAcceptingQueries(1);
        assertThat(db.query(1, "SELECT pg_is_in_recovery()")).as("pg_is_in_recovery() on %s", pod(1)).isEqualTo("t");
        assertThat(db.query(0, "SELECT pg_is_in_recovery()")).as("pg_is_in_recovery() on %s", pod(0)).isEqualTo("f");
    }

    @Test
    @Order(9)
    @DisplayName("an update replaces the Pods in reverse order: Pod-1 first, then Pod-0")
    void updateReplacesPodOneThenPodZero() {
        ProductsDb.RollingUpdate update = db.rollingUpdate();
        String old0 = update.oldPodUids().get(pod(0));
        String old1 = update.oldPodUids().get(pod(1));
        List<Timeline.Entry<V1Pod>> changes = update.changes();
        // The controller only starts on Pod-0 once the new Pod-1 is Ready: in one watch, that is an order.
        int newPod1Ready = Timeline.requireFirst(changes, pod(1), "replaced by a Ready new Pod",
                p -> !old1.equals(PodStates.uid(p)) && PodStates.isReady(p), PodStates::summary).index();
        int pod0Stopping = Timeline.requireFirst(changes, pod(0), "start terminating",
                p -> old0.equals(PodStates.uid(p)) && p.getMetadata().getDeletionTimestamp() != null,
                PodStates::summary).index();
        assertThat(pod0Stopping)
                .as("the old %s started terminating (change #%d) before the new %s was Ready (change #%d): not a"
                        + " reverse-order rolling update. %s", pod(0), pod0Stopping, pod(1), newPod1Ready,
                        Timeline.describe(changes, PodStates::summary))
                .isGreaterThan(newPod1Ready);
    }

    @Test
    @Order(10)
    @DisplayName("the new Pods carry the new annotation")
    void updatedPodsCarryTheAnnotation() {
        db.rollingUpdate();
        for (int ordinal = 0; ordinal < ProductsDb.REPLICAS; ordinal++) {
            assertThat(lab.pods().get(pod(ordinal)).getMetadata().getAnnotations())
                    .as("annotations of %s after the update", pod(ordinal))
                    .containsEntry("remarks.kubernetes.courselabs.co", "this is a new annotation");
        }
    }

    @Test
    @Order(11)
    @DisplayName("each new Pod attaches to the same PVC as the Pod it replaced")
    void updatedPodsKeepTheirClaims() {
        ProductsDb.RollingUpdate update = db.rollingUpdate();
        for (int ordinal = 0; ordinal < ProductsDb.REPLICAS; ordinal++) {
            assertThat(claimMountedAsData(pod(ordinal))).as("claim of the new %s", pod(ordinal)).isEqualTo(claim(ordinal));
            assertThat(db.claimUid(claim(ordinal)))
                    .as("UID of %s after the update (a new UID would mean a new, empty volume)", claim(ordinal))
                    .isEqualTo(update.claimUidsBefore().get(claim(ordinal)));
        }
    }

    @Test
    @Order(12)
    @DisplayName("the data written before the update is still there, on both Pods")
    void dataSurvivesTheUpdate() {
        String row = db.rollingUpdate().rowBefore();
        awaitRowOn(0, row);
        awaitRowOn(1, row);
    }

    private void awaitRowOn(int ordinal, String row) {
        db.awaitAcceptingQueries(ordinal);
        Waits.forValue("row " + row + " readable on " + pod(ordinal), Duration.ofSeconds(30),
                () -> db.query(ordinal, "SELECT name FROM products WHERE name = '" + row + "'"), row::equals);
    }

    private String claimMountedAsData(String podName) {
        V1Pod pod = lab.pods().get(podName);
        return pod.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("data") && v.getPersistentVolumeClaim() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName())
                .findFirst()
                .orElse("(no PVC volume named data)");
    }

    private static Timeline.Entry<V1PersistentVolumeClaim> added(List<Timeline.Entry<V1PersistentVolumeClaim>> claims,
            String name) {
        return claims.stream().filter(e -> e.name().equals(name) && "ADDED".equals(e.type())).findFirst()
                .orElseThrow(() -> new AssertionError("the watch never saw PVC " + name + " created. "
                        + Timeline.describe(claims, c -> String.valueOf(c.getStatus().getPhase()))));
    }
}

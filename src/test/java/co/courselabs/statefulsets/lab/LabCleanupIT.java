package co.courselabs.statefulsets.lab;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Runs last and alone: the lab's cleanup removes every section's objects. */
@LabScenario
@Isolated
@DisplayName("Cleanup")
class LabCleanupIT {

    private final Lab lab;
    private final List<ObjectRef> claims;

    LabCleanupIT(Lab lab) {
        this.lab = lab;
        this.claims = IntStream.range(0, ProductsDb.REPLICAS)
                .mapToObj(i -> new ObjectRef(ResourceKind.PVC, lab.namespace(), ProductsDb.claim(i))).toList();
    }

    @Test
    @Order(1)
    @DisplayName("kubectl delete svc,cm,secret,statefulset,deployment,pod -l kubernetes.courselabs.co=statefulsets"
            + " removes the lab, but not the PVCs")
    void labCleanupLeavesOnlyThePvcs() {
        // When this runs alone there is still something to clean up; in a full run both exist already.
        lab.simpleStatefulSet();
        lab.productsDb();

        List<ObjectRef> deleted = lab.cleanup().runLabCleanupCommand();

        assertThat(deleted).as("objects the lab's cleanup deleted").isNotEmpty();
        List<ObjectRef> left = new ArrayList<>();
        for (ResourceKind kind : LabCleanup.LAB_COMMAND_KINDS) {
            left.addAll(lab.kube().objects().refs(kind, lab.namespace(), LabCleanup.LAB_LABEL));
        }
        assertThat(left).as("objects labelled %s after the cleanup", LabCleanup.LAB_LABEL).isEmpty();
        assertThat(lab.pods().list(SimpleStatefulSet.SELECTOR)).as("Pods of simple-statefulset").isEmpty();
        assertThat(lab.pods().list(ProductsDb.SELECTOR)).as("Pods of products-db").isEmpty();
        for (ObjectRef claim : claims) {
            assertThat(lab.kube().claim(claim.name()))
                    .as("PVC %s after the cleanup (PVCs outlive their StatefulSet)", claim.name())
                    .isNotNull();
        }
    }

    @Test
    @Order(2)
    @DisplayName("the PVCs are only removed when they are deleted themselves")
    void claimsGoWhenDeleted() {
        // kubectl delete pvc, then a bounded wait until they are gone: its failure says which stayed
        lab.cleanup().removeClaims(claims);
    }
}

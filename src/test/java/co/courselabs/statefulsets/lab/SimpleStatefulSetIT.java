package co.courselabs.statefulsets.lab;

import static co.courselabs.statefulsets.lab.SimpleStatefulSet.pod;
import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.k8s.PodStates;
import co.courselabs.statefulsets.k8s.Timeline;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecReader;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@LabScenario
// Deletes a Pod of simple-statefulset: nothing else that uses those Pods may run meanwhile.
@ResourceLock(SimpleStatefulSet.NAME)
@DisplayName("Deploy a simple StatefulSet")
class SimpleStatefulSetIT {

    private static final String PRIMARY = "** I am the primary **";
    private static final String SECONDARY = "** I am a secondary - waiting for primary **";

    private final Lab lab;
    private SimpleStatefulSet simple;

    SimpleStatefulSetIT(Lab lab) {
        this.lab = lab;
    }

    @BeforeAll
    void deploy() {
        simple = lab.simpleStatefulSet();
    }

    @Test
    @Order(1)
    @DisplayName("the Pods don't have random names: simple-statefulset-0, -1 and -2")
    void podsHaveStableNames() {
        assertThat(simple.podNames())
                .as("Pods selected by %s", SimpleStatefulSet.SELECTOR)
                .containsExactlyElementsOf(SimpleStatefulSet.expectedPodNames());
    }

    /*
     * Proof of order from one watch, opened before the spec was applied: a watch delivers changes in
     * the order the API server stored them, so "Pod N added after Pod N-1 became Ready" is a fact
     * about the controller, not about our timing. With podManagementPolicy: Parallel the controller
     * creates all three Pods in one pass, milliseconds apart, while Pod 0 needs seconds (schedule,
     * two init containers, nginx) to become Ready, so this cannot pass by accident.
     */
    @Test
    @Order(2)
    @DisplayName("each Pod is only created when the previous Pod has started (Running and Ready)")
    void eachPodIsCreatedAfterThePreviousOneIsReady() {
        List<Timeline.Entry<V1Pod>> changes = simple.creation();
        for (int ordinal = 1; ordinal < SimpleStatefulSet.REPLICAS; ordinal++) {
            String previous = pod(ordinal - 1);
            String current = pod(ordinal);
            int previousReady = indexOfFirst(changes, previous, true);
            int created = indexOfFirst(changes, current, false);
            assertThat(created)
                    .as("%s: %s was created (change #%d) before %s was Running and Ready (change #%d): the Pods were"
                            + " not created one after another, as OrderedReady pod management does. %s",
                            policyLine(), current, created, previous, previousReady,
                            Timeline.describe(changes, PodStates::summary))
                    .isGreaterThan(previousReady);
        }
    }

    /** Where the spec decides the order: its podManagementPolicy, or the spec the field is missing from. */
    private static String policyLine() {
        SpecDocument set = SpecReader.read(LabSpecs.SIMPLE).stream()
                .filter(d -> d.kind().equals("StatefulSet") && d.name().equals(SimpleStatefulSet.NAME)).findFirst()
                .orElseThrow();
        return set.at("spec", "podManagementPolicy")
                .map(policy -> set.where("spec", "podManagementPolicy") + ": podManagementPolicy is " + policy)
                .orElse(set.where("spec") + ": podManagementPolicy is not set (OrderedReady)");
    }

    @Test
    @Order(3)
    @DisplayName("the wait-service log of Pod 0 says it is the primary: it has the expected -0 hostname")
    void podZeroKnowsItIsThePrimary() {
        assertThat(lab.pods().logs(pod(0), "wait-service"))
                .as("kubectl logs %s -c wait-service", pod(0))
                .contains(PRIMARY)
                .doesNotContain(SECONDARY);
    }

    @Test
    @Order(4)
    @DisplayName("the wait-service logs of Pods 1 and 2 say they are secondaries, waiting for the primary")
    void otherPodsKnowTheyAreSecondaries() {
        for (int ordinal = 1; ordinal < SimpleStatefulSet.REPLICAS; ordinal++) {
            assertThat(lab.pods().logs(pod(ordinal), "wait-service"))
                    .as("kubectl logs %s -c wait-service", pod(ordinal))
                    .contains(SECONDARY)
                    .doesNotContain(PRIMARY);
        }
    }

    @Test
    @Order(5)
    @DisplayName("a deleted Pod is replaced by a new Pod with the same name")
    void deletedPodComesBackWithTheSameName() {
        String name = pod(1);
        String oldUid = lab.pods().delete(name);
        V1Pod replacement = lab.pods().awaitReplacedAndReady(name, oldUid);
        assertThat(replacement.getMetadata().getName()).isEqualTo(name);
        assertThat(PodStates.uid(replacement)).as("UID of the new %s", name).isNotEqualTo(oldUid);
        assertThat(simple.podNames()).containsExactlyElementsOf(SimpleStatefulSet.expectedPodNames());
    }

    private static int indexOfFirst(List<Timeline.Entry<V1Pod>> changes, String pod, boolean ready) {
        return Timeline.requireFirst(changes, pod, ready ? "Running and Ready" : "created",
                p -> !ready || PodStates.isRunningAndReady(p), PodStates::summary).index();
    }
}

package co.courselabs.statefulsets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodeRoomTest {

    private static final Instant GRADING = Instant.parse("2026-12-07T10:00:00Z");

    private static V1Node node(String type, String status, int secondsFromGrading) {
        return new V1Node().metadata(new V1ObjectMeta().name("node-1")).status(new V1NodeStatus()
                .addConditionsItem(new V1NodeCondition().type("Ready").status("True"))
                .addConditionsItem(new V1NodeCondition().type(type).status(status).message("kubelet has disk pressure")
                        .lastTransitionTime(OffsetDateTime.ofInstant(GRADING.plusSeconds(secondsFromGrading),
                                ZoneOffset.UTC))));
    }

    @Test
    @DisplayName("a node under pressure now, or whose pressure ended while the answer was graded, was short of room")
    void pressureInTheWindow() {
        assertThat(NodeRoom.pressures(node("DiskPressure", "True", -600), GRADING)).singleElement().asString()
                .startsWith("node node-1 under DiskPressure (kubelet has disk pressure");
        assertThat(NodeRoom.pressures(node("PIDPressure", "False", 30), GRADING)).singleElement().asString()
                .startsWith("node node-1 under PIDPressure until 2026-12-07T10:00:30Z");
        assertThat(NodeRoom.pressures(node("MemoryPressure", "False", -600), GRADING)).as("over before the grading")
                .isEmpty();
    }

    @Test
    @DisplayName("the scheduler finding the nodes full is the machine's state; a Pod no node could ever take is not")
    void fullNodes() {
        assertThat(NodeRoom.isFull("0/1 nodes are available: 1 Insufficient cpu.")).isTrue();
        assertThat(NodeRoom.isFull("0/1 nodes are available: 1 Too many pods.")).isTrue();
        assertThat(NodeRoom.isFull("0/1 nodes are available: 1 node(s) didn't match node selector.")).isFalse();
    }
}

package co.courselabs.statefulsets.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The k3s backend's set-up, checked without starting k3s. */
class K3sClusterTest {

    @Test
    @DisplayName("without Docker the k3s backend fails at once, saying to start Docker or use a kubeconfig")
    void noDockerSaysWhatToDo() {
        assertThatThrownBy(() -> K3sCluster.start(ClusterSettings.DEFAULT_K3S_IMAGE, () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Docker is not available")
                .hasMessageContaining("Start Docker")
                .hasMessageContaining("-Dlab.cluster=kubeconfig");
    }

    @Test
    @DisplayName("the image comes from the property, and a mirror of rancher/k3s is accepted")
    void imageName() {
        assertThat(K3sCluster.imageName("rancher/k3s:v1.33.5-k3s1").getVersionPart()).isEqualTo("v1.33.5-k3s1");
        assertThat(K3sCluster.imageName("mirror.example/k3s:v1.34.6-k3s1").isCompatibleWith(
                org.testcontainers.utility.DockerImageName.parse("rancher/k3s"))).isTrue();
    }

    @Test
    @DisplayName("the lab's NodePorts (30010, 30020, 30040) and LoadBalancer ports (8010, 8020, 8040) are declared"
            + " on the container before it starts")
    void containerExposesLabPorts() {
        List<Integer> exposed = new ArrayList<>();
        K3sCluster.declareLabPorts(exposed::add);
        assertThat(exposed).containsExactlyInAnyOrder(30010, 30020, 30040, 8010, 8020, 8040);
    }
}

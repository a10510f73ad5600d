package co.courselabs.statefulsets.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;

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
    @DisplayName("the lab's NodePorts and LoadBalancer ports are the ones the lab's Services use")
    void labPorts() {
        assertThat(K3sCluster.NODE_PORTS).containsExactlyInAnyOrder(30010, 30020, 30040);
        assertThat(K3sCluster.LOAD_BALANCER_PORTS).containsExactlyInAnyOrder(8010, 8020, 8040);
    }

    @Test
    @EnabledIf("dockerAvailable")
    @DisplayName("the container exposes the API and every lab port before it starts (needs Docker to build)")
    void containerExposesLabPorts() {
        K3sContainer container = K3sCluster.container(K3sCluster.imageName(ClusterSettings.DEFAULT_K3S_IMAGE));
        assertThat(container.getExposedPorts()).contains(6443, 30010, 30020, 30040, 8010, 8020, 8040);
        assertThat(container.getDockerImageName()).isEqualTo(ClusterSettings.DEFAULT_K3S_IMAGE);
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }
}

package co.courselabs.statefulsets.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.courselabs.statefulsets.progress.Reports;
import co.courselabs.statefulsets.settings.ClusterSettings;
import co.courselabs.statefulsets.spec.ServicePorts;
import co.courselabs.statefulsets.spec.SpecReader;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/** The k3s backend's set-up, checked without starting k3s. */
class K3sClusterTest {

    /** The lab's Services, as the suite reads them from specs/. */
    private static ServicePorts labPorts() {
        return new ServicePorts(Stream.of("simple", "adminer", "simple-proxy")
                .flatMap(dir -> SpecReader.read(Reports.BASE.resolve("specs").resolve(dir).resolve("services.yaml"))
                        .stream()).toList());
    }

    @Test
    @DisplayName("without Docker the k3s backend fails at once, saying to start Docker or use a kubeconfig")
    void noDockerSaysWhatToDo() {
        ClusterSettings settings = new ClusterSettings(ClusterSettings.Backend.K3S, ClusterSettings.DEFAULT_K3S_IMAGE,
                null, null, null);
        assertThatThrownBy(() -> K3sCluster.start(settings, labPorts(), () -> {
            throw new IllegalStateException("Could not find a valid Docker environment");
        }))
                .isInstanceOf(ClusterUnavailable.class)
                .hasMessageContaining("Docker is not available")
                .hasMessageContaining("Start Docker")
                .hasMessageContaining("-Dlab.cluster=kubeconfig");
    }

    @Test
    @DisplayName("the image comes from the property, and a mirror of rancher/k3s is accepted")
    void imageName() {
        assertThat(K3sCluster.imageName("rancher/k3s:v1.33.5-k3s1").getVersionPart()).isEqualTo("v1.33.5-k3s1");
        assertThat(K3sCluster.imageName("mirror.example/k3s:v1.34.6-k3s1").isCompatibleWith(
                DockerImageName.parse("rancher/k3s"))).isTrue();
    }

    @Test
    @DisplayName("k3s from v1.35 on a cgroup v1 Docker host is refused before anything is pulled, saying what to use")
    void cgroupV1() {
        DockerImageName v135 = K3sCluster.imageName("rancher/k3s:v1.35.9-k3s1");
        assertThat(K3sCluster.cgroupProblem(v135, "1")).contains("cgroup v1").contains("rancher/k3s:v1.35.9-k3s1")
                .contains("a Docker host with cgroup v2").contains("-Dlab.cluster=kubeconfig")
                .doesNotContain("v1.34");
        assertThat(K3sCluster.cgroupProblem(v135, "2")).isNull();
        assertThat(K3sCluster.cgroupProblem(K3sCluster.imageName("rancher/k3s:v1.34.6-k3s1"), "1")).isNull();
        assertThat(K3sCluster.cgroupProblem(K3sCluster.imageName("labcluster/k3s:v1.20.2"), "1")).isNull();
    }

    @Test
    @DisplayName("a registry mirror becomes k3s' registries.yaml for Docker Hub's images")
    void registriesYaml() {
        assertThat(K3sCluster.registriesYaml("https://mirror.school.example"))
                .isEqualTo("mirrors:\n  docker.io:\n    endpoint:\n      - \"https://mirror.school.example\"\n");
    }

    @Test
    @DisplayName("the lab's NodePorts (30010, 30020, 30040) and LoadBalancer ports (8010, 8020, 8040) are declared"
            + " on the container before it starts")
    void containerExposesLabPorts() {
        List<Integer> exposed = new ArrayList<>();
        K3sCluster.declareLabPorts(labPorts(), exposed::add);
        assertThat(exposed).containsExactlyInAnyOrder(30010, 30020, 30040, 8010, 8020, 8040);
    }

    @Test
    @DisplayName("k3s caps the processes of each Pod and of its whole container, so a fork bomb stops at its own Pod")
    void processesAreCapped() {
        assertThat(K3sCluster.command("localhost")).contains("--kubelet-arg=pod-max-pids=" + K3sCluster.POD_MAX_PIDS);
        // the container's create command as Docker would get it: only its host config is of interest here
        HostConfig host = new HostConfig();
        CreateContainerCmd create = (CreateContainerCmd) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CreateContainerCmd.class}, (self, method, args) -> method.getName().equals("getHostConfig")
                        ? host : method.getReturnType().isInstance(self) ? self : null);
        K3sCluster.capProcesses(create);
        assertThat(host.getPidsLimit()).isEqualTo(K3sCluster.CONTAINER_MAX_PIDS);
    }
}

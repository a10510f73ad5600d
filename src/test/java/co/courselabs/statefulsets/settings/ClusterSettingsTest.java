package co.courselabs.statefulsets.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

    private static final Path HOME = Path.of("/home/student");

    private static ClusterSettings settings(Map<String, String> properties, Map<String, String> env) {
        Properties props = new Properties();
        props.putAll(properties);
        props.setProperty("user.home", HOME.toString());
        return LabSettings.from(props, env).cluster();
    }

    @Test
    @DisplayName("by default the suite starts k3s, with a pinned rancher/k3s image")
    void defaultsToK3s() {
        ClusterSettings settings = settings(Map.of(), Map.of());
        assertThat(settings.backend()).isEqualTo(ClusterSettings.Backend.K3S);
        assertThat(settings.k3sImage()).isEqualTo(ClusterSettings.DEFAULT_K3S_IMAGE)
                .matches("rancher/k3s:v1\\.3[5-7]\\.\\d+-k3s\\d+");
    }

    @Test
    @DisplayName("-Dlab.k3s.image picks another k3s version")
    void imageProperty() {
        assertThat(settings(Map.of("lab.k3s.image", "rancher/k3s:v1.35.9-k3s1"), Map.of()).k3sImage())
                .isEqualTo("rancher/k3s:v1.35.9-k3s1");
        assertThat(settings(Map.of("lab.k3s.image", " "), Map.of()).k3sImage()).isEqualTo(ClusterSettings.DEFAULT_K3S_IMAGE);
    }

    @Test
    @DisplayName("any k3s release tag is taken (-k3s1, -k3s2, -k3s3, a digest, a mirror, the stand-in's plain tag), but"
            + " never Kubernetes v1.35.0 to v1.35.3, which break Parallel pod management")
    void k3sTags() {
        for (String image : List.of("rancher/k3s:v1.35.9-k3s1", "rancher/k3s:v1.36.5-k3s2", "rancher/k3s:v1.37.1-k3s3",
                "mirror.example:5000/rancher/k3s:v1.35.4-k3s1", "rancher/k3s:v1.37.1-k3s1@sha256:" + "a".repeat(64),
                "labcluster/k3s:v1.20.2")) {
            assertThat(settings(Map.of("lab.k3s.image", image), Map.of()).k3sImage()).isEqualTo(image);
        }
        for (String image : List.of("rancher/k3s:v1.35.0-k3s1", "rancher/k3s:v1.35.3-k3s2",
                "mirror.example:5000/rancher/k3s:v1.35.2-k3s1")) {
            assertThatThrownBy(() -> settings(Map.of("lab.k3s.image", image), Map.of()))
                    .hasMessageContaining("kubernetes#137409").hasMessageContaining("v1.35.4");
        }
    }

    @Test
    @DisplayName("the kubeconfig comes from -Dlab.kubeconfig, else $KUBECONFIG (its first file), else ~/.kube/config")
    void kubeconfigOrder() {
        Map<String, String> env = Map.of("KUBECONFIG", "/etc/a:/etc/b");
        assertThat(settings(Map.of("lab.cluster", "kubeconfig", "lab.kubeconfig", "/x/config"), env).kubeconfig())
                .isEqualTo(Path.of("/x/config"));
        assertThat(settings(Map.of("lab.cluster", "kubeconfig"), env).kubeconfig()).isEqualTo(Path.of("/etc/a"));
        assertThat(settings(Map.of("lab.cluster", "kubeconfig"), Map.of()).kubeconfig())
                .isEqualTo(HOME.resolve(".kube/config"));
    }

    @Test
    @DisplayName("-Dlab.k3s.registryMirror names a registry for k3s to pull Docker Hub's images through; anything"
            + " but a URL is refused")
    void registryMirror() {
        assertThat(settings(Map.of(), Map.of()).registryMirror()).isNull();
        assertThat(settings(Map.of("lab.k3s.registryMirror", "https://mirror.school.example"), Map.of())
                .registryMirror()).isEqualTo("https://mirror.school.example");
        assertThatThrownBy(() -> settings(Map.of("lab.k3s.registryMirror", "mirror\"\nx: y"), Map.of()))
                .hasMessageContaining("is not a registry's address");
    }

    @Test
    @DisplayName("an unknown backend is refused with the names of the two that exist")
    void unknownBackend() {
        assertThatThrownBy(() -> settings(Map.of("lab.cluster", "kind"), Map.of()))
                .hasMessageContaining("-Dlab.cluster=kind is not a backend")
                .hasMessageContaining("k3s")
                .hasMessageContaining("kubeconfig");
    }
}

package co.courselabs.statefulsets.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class DockerImagesTest {

    private static final String REFUSED = "Status 500: {\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\":"
            + " proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused\"}\n";

    /** A Docker that has {@code local} and answers every pull with {@code failure} (null: the pull works). */
    private static DockerImages.Docker docker(Set<String> local, RuntimeException failure, List<String> pulled) {
        return new DockerImages.Docker() {
            @Override
            public boolean has(String image) {
                return local.contains(image);
            }

            @Override
            public boolean pull(String image, Duration bound) {
                pulled.add(image);
                if (failure != null) {
                    throw failure;
                }
                return true;
            }
        };
    }

    private static List<DockerImages.Needed> all() {
        return DockerImages.needed("rancher/k3s:v1.35.5-k3s1", "testcontainers/ryuk:0.14.0", false, "alpine:3.17", false);
    }

    @Test
    @DisplayName("the images named for Ryuk and the start-up checks are the ones this Testcontainers runs")
    void testcontainersOwnImages() throws Exception {
        assertThat(constants("/org/testcontainers/utility/RyukContainer.class")).contains(DockerImages.RYUK);
        assertThat(constants("/org/testcontainers/DockerClientFactory.class")).contains(DockerImages.CHECKS);
    }

    /** A class file's text, where its string constants can be read. */
    private static String constants(String classFile) throws Exception {
        try (var in = DockerClientFactory.class.getResourceAsStream(classFile)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    @DisplayName("Ryuk and the checks' image are needed only while they are switched on; k3s always")
    void neededImages() {
        assertThat(all()).extracting(DockerImages.Needed::image)
                .containsExactly("testcontainers/ryuk:0.14.0", "alpine:3.17", "rancher/k3s:v1.35.5-k3s1");
        assertThat(DockerImages.needed("labcluster/k3s:v1.20.2", "testcontainers/ryuk:0.14.0", true, "alpine:3.17", true))
                .extracting(DockerImages.Needed::image).containsExactly("labcluster/k3s:v1.20.2");
    }

    @Test
    @DisplayName("images Docker has are not pulled; missing ones are pulled once")
    void presentImagesAreNotPulled() {
        List<String> pulled = new ArrayList<>();
        assertThat(DockerImages.missing(docker(Set.of("testcontainers/ryuk:0.14.0", "alpine:3.17"), null, pulled), all(),
                Duration.ofSeconds(5))).isEmpty();
        assertThat(pulled).containsExactly("rancher/k3s:v1.35.5-k3s1");
    }

    @Test
    @DisplayName("images Docker cannot pull fail the run in one sentence: each image, Docker's reason, and what to do")
    void unpullableImagesAreNamed() {
        List<String> pulled = new ArrayList<>();
        List<DockerImages.Missing> missing = DockerImages.missing(docker(Set.of(),
                new InternalServerErrorException(REFUSED), pulled), all(), Duration.ofSeconds(5));
        assertThat(DockerImages.sentence(missing))
                .startsWith("Docker cannot pull"
                        + " testcontainers/ryuk:0.14.0 (Testcontainers' Ryuk, which removes the containers of a run"
                        + " killed hard): the proxy refused the connection (proxyconnect tcp: dial tcp 127.0.0.1:9:"
                        + " connect: connection refused); nor alpine:3.17")
                .contains("nor rancher/k3s:v1.35.5-k3s1 (k3s, the cluster itself)")
                .contains("set TESTCONTAINERS_RYUK_DISABLED=true, set TESTCONTAINERS_CHECKS_DISABLE=true,"
                        + " name an image Docker has or can pull with -Dlab.k3s.image")
                .contains("TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX")
                .contains("-Dlab.cluster=kubeconfig")
                .doesNotContain("\n");
        assertThat(pulled).hasSize(3);
    }

    @Test
    @DisplayName("Docker's reasons in a few words: a rate limit, no such image, a name that does not resolve")
    void reasons() {
        assertThat(DockerImages.reason(new InternalServerErrorException("Status 500: {\"message\":\"toomanyrequests: You"
                + " have reached your pull rate limit.\"}"))).startsWith("the registry's pull rate limit (toomanyrequests");
        assertThat(DockerImages.reason(new NotFoundException("Status 404: {\"message\":\"manifest for rancher/k3s:v9"
                + " not found: manifest unknown\"}"))).startsWith("no such image (manifest for rancher/k3s:v9");
        assertThat(DockerImages.reason(new InternalServerErrorException("Status 500: {\"message\":\"Get"
                + " \\\"https://registry-1.docker.io/v2/\\\": dial tcp: lookup registry-1.docker.io: no such host\"}")))
                .isEqualTo("the registry's name does not resolve (dial tcp: lookup registry-1.docker.io: no such host)");
    }
}

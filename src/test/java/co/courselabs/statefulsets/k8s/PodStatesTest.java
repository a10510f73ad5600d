package co.courselabs.statefulsets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateRunning;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStateWaiting;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PodStatesTest {

    private static V1Pod pod(V1ContainerStatus status) {
        return new V1Pod()
                .metadata(new V1ObjectMeta().name("simple-proxy-0").uid("u1"))
                .spec(new V1PodSpec().containers(List.of(new V1Container().name("app").image("nginx:1.18-alpne"))))
                .status(new V1PodStatus().phase("Pending").containerStatuses(List.of(status)));
    }

    private static V1ContainerStatus waiting(String reason, String message) {
        return new V1ContainerStatus().name("app").image("docker.io/library/nginx:1.18-alpne").restartCount(0)
                .state(new V1ContainerState().waiting(new V1ContainerStateWaiting().reason(reason).message(message)));
    }

    @Test
    @DisplayName("a bad image is hopeless, and the reason names the image as the student wrote it")
    void badImage() {
        assertThat(PodStates.hopeless(pod(waiting("ErrImagePull", "not found")), List.of()))
                .contains("Pod simple-proxy-0 cannot start: container app: ErrImagePull nginx:1.18-alpne (not found)");
        assertThat(PodStates.hopeless(pod(waiting("ImagePullBackOff", "Back-off")), List.of())).isPresent();
    }

    @Test
    @DisplayName("a crash loop is hopeless, with the last exit code")
    void crashLoop() {
        V1ContainerStatus status = waiting("CrashLoopBackOff", "back-off 10s").restartCount(3)
                .lastState(new V1ContainerState().terminated(new V1ContainerStateTerminated().reason("Error").exitCode(1)));
        assertThat(PodStates.hopeless(pod(status), List.of()).orElseThrow())
                .contains("CrashLoopBackOff").contains("exit code 1");
    }

    @Test
    @DisplayName("a config error from the kubelet's unsynced secret cache is passing; a missing secret is not")
    void configErrors() {
        assertThat(PodStates.hopeless(pod(waiting("CreateContainerConfigError",
                "failed to sync secret cache: timed out waiting for the condition")), List.of())).isEmpty();
        assertThat(PodStates.hopeless(pod(waiting("CreateContainerConfigError",
                "secret \"products-db-password\" not found")), List.of())).isPresent();
    }

    private static final String RATE_LIMITED = "rpc error: code = Unknown desc = failed to pull and unpack image"
            + " \"docker.io/library/nginx:1.18-alpine\": failed to copy: httpReadSeeker: failed open: unexpected status"
            + " code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:0a1b: 429 Too Many Requests -"
            + " Server message: toomanyrequests: You have reached your pull rate limit.";

    private static CoreV1Event pullFailed(String error) {
        return new CoreV1Event().type("Warning").reason("Failed")
                .message("Failed to pull image \"nginx:1.18-alpine\": " + error);
    }

    @Test
    @DisplayName("a pull the registry refused (a rate limit, a proxy, a network) is not hopeless: the kubelet pulls"
            + " again; it is told as the registry's refusal")
    void refusedPullIsNotTheImagesFault() {
        V1Pod limited = pod(waiting("ErrImagePull", RATE_LIMITED));
        assertThat(PodStates.hopeless(limited, List.of())).isEmpty();
        assertThat(PodStates.refusedPull(limited, List.of())).get().asString()
                .startsWith("nginx:1.18-alpne: the registry's pull rate limit (rpc error");
        V1Pod backingOff = pod(waiting("ImagePullBackOff", "Back-off pulling image \"nginx:1.18-alpine\""));
        assertThat(PodStates.hopeless(backingOff, List.of(pullFailed(RATE_LIMITED)))).isEmpty();
        String proxy = "failed to do request: Head \"https://quay.io/v2/x/manifests/1\": proxyconnect tcp: dial tcp"
                + " 127.0.0.1:9: connect: connection refused";
        assertThat(PodStates.refusedPull(pod(waiting("ErrImagePull", proxy)), List.of())).get().asString()
                .contains("the proxy refused the connection");
    }

    @Test
    @DisplayName("an image that does not exist, or a registry name that does not resolve, stays hopeless at once")
    void missingImageIsHopeless() {
        String notFound = "failed to resolve reference \"docker.io/library/nginx:1.18-alpne\": docker.io/library/"
                + "nginx:1.18-alpne: not found";
        V1Pod backingOff = pod(waiting("ImagePullBackOff", "Back-off pulling image \"nginx:1.18-alpne\""));
        assertThat(PodStates.hopeless(backingOff, List.of(pullFailed(notFound)))).isPresent();
        assertThat(PodStates.refusedPull(backingOff, List.of(pullFailed(notFound)))).isEmpty();
        String noHost = "dial tcp: lookup registry.typo.example: no such host";
        assertThat(RegistryErrors.isRefusal(noHost, "registry.typo.example/nginx:1")).isFalse();
        assertThat(RegistryErrors.isRefusal("dial tcp: lookup registry-1.docker.io: no such host", "nginx:1")).isTrue();
        assertThat(RegistryErrors.onDockerHub("kiamol/ch03-sleep")).isTrue();
        assertThat(RegistryErrors.onDockerHub("localhost:5000/x")).isFalse();
    }

    @Test
    @DisplayName("starting up is not hopeless; a mount of something missing is, a passing mount warning is not")
    void startingAndMounts() {
        V1Pod creating = pod(waiting("ContainerCreating", null));
        assertThat(PodStates.hopeless(creating, List.of())).isEmpty();
        CoreV1Event missing = new CoreV1Event().type("Warning").reason("FailedMount")
                .message("MountVolume.SetUp failed for volume \"config\" : configmap \"proxy-conf\" not found");
        CoreV1Event passing = new CoreV1Event().type("Warning").reason("FailedMount")
                .message("MountVolume.SetUp failed for volume \"config\" : failed to sync configmap cache");
        assertThat(PodStates.hopeless(creating, List.of(passing))).isEmpty();
        assertThat(PodStates.hopeless(creating, List.of(missing))).get().asString()
                .contains("configmap \"proxy-conf\" not found");
    }

    @Test
    @DisplayName("the summary reads like kubectl get po with the reasons")
    void summary() {
        V1ContainerStatus running = new V1ContainerStatus().name("app").ready(true).restartCount(2)
                .state(new V1ContainerState().running(new V1ContainerStateRunning()));
        V1Pod pod = pod(running);
        pod.getStatus().phase("Running");
        assertThat(PodStates.summary(pod)).isEqualTo("Running; app: running, ready (2 restarts)");
        assertThat(PodStates.summary(null)).isEqualTo("no such Pod");
    }
}

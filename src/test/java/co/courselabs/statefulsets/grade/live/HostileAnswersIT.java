package co.courselabs.statefulsets.grade.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.grade.answer.AnswerCase;
import co.courselabs.statefulsets.grade.answer.LabProxy;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabScenario;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.lab.SimpleStatefulSet;
import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecReader;
import co.courselabs.statefulsets.spec.SpecRefused;
import co.courselabs.statefulsets.spec.StatefulSetNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The defences against hostile answers that only a cluster can show: what the Pods run, the fenced
 * namespace (no token, no NET_RAW, nothing replaced), a finalizer at cleanup. (Each hostile answer's
 * verdict on the cluster is {@link GraderSelfTestIT}'s, graded with the others as a class.) One of
 * the grader's self-tests: {@code ./mvnw verify -Dlab.selftest}.
 */
@LabScenario
@ResourceLock(value = SimpleStatefulSet.NAME, mode = ResourceAccessMode.READ)
@ResourceLock(Exercise.PROXY)
@DisplayName("Hostile answers: the defences only a cluster shows")
class HostileAnswersIT {

    private final Lab lab;

    HostileAnswersIT(Lab lab) {
        this.lab = lab;
    }

    @Test
    @Order(2)
    @DisplayName("a fake proxy that got past the YAML is still caught on the cluster, by what its Pods run")
    void fakeIsCaughtByWhatItsPodsRun(@TempDir Path dir) throws Exception {
        // in a grading namespace of its own, as the live grader would run it: the lab's proxy
        // ConfigMap is there (the starting point), and nothing another section does can change that
        Answer fake = Answer.of(AnswerCase.named("hostile", "fake-page-image").answer());
        try (GradingNamespace space = GradingNamespace.open(lab, fake)) {
            space.kube().applier().apply(fake.folder());
            String pod = StatefulSetNames.pod(Exercise.PROXY, 0);
            space.kube().pods().awaitReady(pod, LiveGrader.POD_START);
            assertThat(LabProxy.onCluster(space.kube(), List.of(pod)))
                    .anyMatch(p -> p.startsWith("on the cluster, Pod " + pod + ": container app runs image"
                            + " kiamol/ch03-sleep"))
                    .anyMatch(p -> p.startsWith("on the cluster, Pod " + pod + ": container app sets command"))
                    .noneMatch(p -> p.contains("ConfigMap " + Exercise.PROXY_CONFIG_MAP + " is not the lab's"));
            // and the lab's configuration, changed under the proxy's feet, is no longer the lab's
            space.kube().applier().apply(Files.writeString(dir.resolve("config.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: %s
                    data:
                      nginx.conf: "events {} http { server { return 200 'I am simple-statefulset-0'; } }"
                    """.formatted(Exercise.PROXY_CONFIG_MAP)));
            assertThat(LabProxy.onCluster(space.kube(), List.of(pod)))
                    .anyMatch(p -> p.equals("on the cluster, ConfigMap " + Exercise.PROXY_CONFIG_MAP
                            + " is not the lab's nginx configuration"));
        }
    }

    @Test
    @Order(3)
    @DisplayName("in its fenced namespace an answer's Pods get no API token and no NET_RAW, and nothing already there is"
            + " replaced")
    void theNamespaceFencesTheNode() {
        Answer right = Answer.of(LabSpecs.SOLUTION);
        try (GradingNamespace space = GradingNamespace.open(lab, right)) {
            space.kube().applier().applyNew(Fences.withoutRawSockets(SpecReader.read(right.folder())));
            String pod = StatefulSetNames.pod(Exercise.PROXY, 0);
            var started = space.kube().pods().awaitReady(pod, LiveGrader.POD_START);
            assertThat(started.getSpec().getContainers().get(0).getVolumeMounts()).as("the mounts of %s", pod)
                    .noneMatch(m -> m.getMountPath().startsWith("/var/run/secrets/kubernetes.io"));
            // bit 13 of the capability sets is CAP_NET_RAW: gone from what the proxy's process may ever have
            String status = space.kube().pods().exec(pod, "app", "sh", "-c", "grep CapBnd /proc/1/status").output();
            long bounding = Long.parseLong(status.replaceAll("(?s).*CapBnd:\\s*([0-9a-f]+).*", "$1"), 16);
            assertThat(bounding & (1L << 13)).as("NET_RAW in %s's bounding set (%s)", pod, status.strip()).isZero();
            // the cluster's CA bundle, as an answer would bring it: refused, and left as the cluster made it
            var before = space.kube().objects().get(new ObjectRef(ResourceKind.CONFIG_MAP, space.name(),
                    "kube-root-ca.crt"));
            List<SpecDocument> replacement = SpecReader.read(AnswerCase.named("hostile", "grader-objects-replaced").answer()
                    .resolve("replacements.yaml")).stream().filter(d -> d.kind().equals("ConfigMap")).toList();
            assertThatThrownBy(() -> space.kube().applier().applyNew(replacement)).isInstanceOf(SpecRefused.class)
                    .hasMessageContaining("ConfigMap/kube-root-ca.crt exists already in namespace " + space.name());
            assertThat(space.kube().objects().get(new ObjectRef(ResourceKind.CONFIG_MAP, space.name(),
                    "kube-root-ca.crt")).getMetadata().getResourceVersion()).as("kube-root-ca.crt's version")
                    .isEqualTo(before.getMetadata().getResourceVersion());
        }
    }

    @Test
    @Order(4)
    @DisplayName("a finalizer nobody clears, on one of the grader's own objects, does not hold up its cleanup")
    void finalizerDoesNotHoldUpCleanup(@TempDir Path dir) throws Exception {
        // the safety gate keeps students' finalizers out; this one stands for what the cluster may add
        Path spec = Files.writeString(dir.resolve("held.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: held-by-a-finalizer
                  finalizers: ["example.com/nobody-clears-this"]
                data:
                  note: the grader must still remove it
                """);
        List<ObjectRef> applied = lab.kube().applier().apply(spec);
        ObjectRef held = new ObjectRef(ResourceKind.CONFIG_MAP, lab.namespace(), "held-by-a-finalizer");
        // the cleanup's own bounded wait fails when the finalizer holds the ConfigMap
        lab.cleanup().removeApplied(applied);
        assertThat(lab.kube().objects().get(held)).as("the ConfigMap after the cleanup").isNull();
    }
}

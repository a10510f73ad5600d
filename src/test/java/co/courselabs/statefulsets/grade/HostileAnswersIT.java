package co.courselabs.statefulsets.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.courselabs.statefulsets.k8s.ObjectRef;
import co.courselabs.statefulsets.k8s.ResourceKind;
import co.courselabs.statefulsets.k8s.SpecDocument;
import co.courselabs.statefulsets.k8s.SpecException;
import co.courselabs.statefulsets.k8s.SpecReader;
import co.courselabs.statefulsets.k8s.SpecRefused;
import co.courselabs.statefulsets.k8s.StatefulSetNames;
import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabScenario;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.lab.SimpleStatefulSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers written to get past the grader, graded on the cluster: the live grader says what the
 * YAML alone said ({@code expected.yaml}), applies nothing it refused, and leaves nothing behind;
 * and the defences that only a cluster can show hold (what the Pods run, a finalizer at cleanup).
 */
@LabScenario
@ResourceLock(value = SimpleStatefulSet.NAME, mode = ResourceAccessMode.READ)
@ResourceLock(StaticGrader.NAME)
@DisplayName("Hostile answers: refused before the cluster, or failing what they fake")
class HostileAnswersIT {

    private final Lab lab;

    HostileAnswersIT(Lab lab) {
        this.lab = lab;
    }

    static Stream<HostileCase> cases() {
        return HostileCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    @DisplayName("the live grader gives a hostile answer the verdict its YAML got, applying nothing it refused")
    void liveGraderAgrees(HostileCase hostile) {
        // other sections apply and remove their own objects meanwhile: only the grading's names count
        Set<String> names = gradingNames(hostile);
        int pushed = lab.kube().created().history().size();
        Grade grade = new LiveGrader(lab).grade(Answer.of(hostile.answer()));
        GradeReport.write(grade, Lab.REPORT_DIR.resolve("hostile").resolve(hostile.name()));
        hostile.check(grade);
        List<ObjectRef> history = lab.kube().created().history();
        List<ObjectRef> namespaces = history.subList(pushed, history.size()).stream()
                .filter(ref -> ref.kind().equals(ResourceKind.NAMESPACE)).toList();
        if (grade.status() == Grade.Status.REFUSED) {
            assertThat(namespaces).as("namespaces made to grade %s, which the gate refused", hostile.name()).isEmpty();
        }
        for (ObjectRef namespace : namespaces) {
            var left = lab.kube().objects().get(namespace);
            assertThat(left == null || left.getMetadata().getDeletionTimestamp() != null)
                    .as("%s, where %s was graded, is gone or going", namespace, hostile.name()).isTrue();
        }
        assertThat(lab.kube().created().all()).as("what is still applied in %s after grading %s", Lab.NAMESPACE,
                hostile.name()).noneMatch(ref -> names.contains(ref.name()));
    }

    /** The names the grading of an answer would apply: the starting point's and the answer's own. */
    private static Set<String> gradingNames(HostileCase hostile) {
        Set<String> names = new HashSet<>();
        SpecReader.read(LabSpecs.SIMPLE_PROXY).forEach(d -> names.add(d.name()));
        try {
            SpecReader.read(hostile.answer()).forEach(d -> names.add(d.name()));
        } catch (SpecException e) {
            // an answer refused before it is read has no names of its own to look for
        }
        return names;
    }

    @Test
    @Order(2)
    @DisplayName("a fake proxy that got past the YAML is still caught on the cluster, by what its Pods run")
    void fakeIsCaughtByWhatItsPodsRun(@TempDir Path dir) throws Exception {
        // in a grading namespace of its own, as the live grader would run it: the lab's proxy
        // ConfigMap is there (the starting point), and nothing another section does can change that
        Answer fake = Answer.of(HostileCase.named("fake-page-image").answer());
        try (GradingNamespace space = GradingNamespace.open(lab, fake)) {
            space.kube().applier().apply(fake.folder());
            String pod = StatefulSetNames.pod(StaticGrader.NAME, 0);
            space.kube().pods().awaitReady(pod, LiveGrader.POD_START);
            assertThat(LabProxy.onCluster(space.kube(), List.of(pod)))
                    .anyMatch(p -> p.startsWith("on the cluster, Pod " + pod + ": container app runs image"
                            + " kiamol/ch03-sleep"))
                    .anyMatch(p -> p.startsWith("on the cluster, Pod " + pod + ": container app sets command"))
                    .noneMatch(p -> p.contains("ConfigMap " + LabProxy.CONFIG_MAP + " is not the lab's"));
            // and the lab's configuration, changed under the proxy's feet, is no longer the lab's
            space.kube().applier().apply(Files.writeString(dir.resolve("config.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: %s
                    data:
                      nginx.conf: "events {} http { server { return 200 'I am simple-statefulset-0'; } }"
                    """.formatted(LabProxy.CONFIG_MAP)));
            assertThat(LabProxy.onCluster(space.kube(), List.of(pod)))
                    .anyMatch(p -> p.equals("on the cluster, ConfigMap " + LabProxy.CONFIG_MAP
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
            String pod = StatefulSetNames.pod(StaticGrader.NAME, 0);
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
            List<SpecDocument> replacement = SpecReader.read(HostileCase.named("grader-objects-replaced").answer()
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
        ObjectRef held = new ObjectRef(ResourceKind.CONFIG_MAP, Lab.NAMESPACE, "held-by-a-finalizer");
        // the cleanup's own bounded wait fails when the finalizer holds the ConfigMap
        lab.cleanup().removeApplied(applied);
        assertThat(lab.kube().objects().get(held)).as("the ConfigMap after the cleanup").isNull();
    }
}

package co.courselabs.statefulsets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecReader;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the applier sends, checked without a cluster. */
class ApplierTest {

    @TempDir
    Path dir;

    private SpecDocument read(String yaml) throws IOException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, yaml);
        return SpecReader.read(file).get(0);
    }

    @Test
    @DisplayName("every object is sent in the lab's namespace with the suite's mark, the document left as it was")
    void marksAndNamespaces() throws IOException {
        SpecDocument document = read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations: {a: b}\n");
        JsonObject body = Applier.requestBody(document, "the-lab", "run-1");
        JsonObject metadata = body.getAsJsonObject("metadata");
        assertThat(metadata.get("namespace").getAsString()).isEqualTo("the-lab");
        assertThat(metadata.getAsJsonObject("annotations").get(Applier.MARK).getAsString()).isEqualTo(Applier.MARK_VALUE);
        assertThat(metadata.getAsJsonObject("annotations").get(Applier.RUN).getAsString()).isEqualTo("run-1");
        assertThat(metadata.getAsJsonObject("annotations").get("a").getAsString()).isEqualTo("b");
        assertThat(document.at("metadata", "annotations", Applier.MARK)).isEmpty();
    }

    @Test
    @DisplayName("PVCs made from claim templates are marked too, so a killed run's PVCs are recognised")
    void claimTemplatesAreMarked() throws IOException {
        SpecDocument document = read("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: s}
                spec:
                  volumeClaimTemplates:
                    - metadata: {name: data}
                      spec: {accessModes: [ReadWriteOnce]}
                """);
        JsonObject template = Applier.requestBody(document, "the-lab", "run-1").getAsJsonObject("spec")
                .getAsJsonArray("volumeClaimTemplates").get(0).getAsJsonObject();
        assertThat(template.getAsJsonObject("metadata").getAsJsonObject("annotations").get(Applier.MARK).getAsString())
                .isEqualTo(Applier.MARK_VALUE);
        assertThat(template.getAsJsonObject("metadata").getAsJsonObject("annotations").get(Applier.RUN).getAsString())
                .isEqualTo("run-1");
    }

    @Test
    @DisplayName("Service ports get protocol TCP when they name none (Kubernetes 1.20's server-side apply needs it)")
    void servicePortsGetAProtocol() throws IOException {
        SpecDocument document = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  ports:
                    - port: 8010
                      targetPort: 80
                    - port: 53
                      protocol: UDP
                """);
        var ports = Applier.requestBody(document, "the-lab", "run-1").getAsJsonObject("spec").getAsJsonArray("ports");
        assertThat(ports.get(0).getAsJsonObject().get("protocol").getAsString()).isEqualTo("TCP");
        assertThat(ports.get(1).getAsJsonObject().get("protocol").getAsString()).isEqualTo("UDP");
        assertThat(ports.get(0).getAsJsonObject().get("port").getAsInt()).isEqualTo(8010);
    }

    @Test
    @DisplayName("a node port still allocated is the only rejection the applier asks again about")
    void onlyAHeldNodePortIsAskedAgain() {
        assertThat(Applier.isPortStillHeld("Service \"simple-proxy-np\" is invalid: spec.ports[0].nodePort: Invalid"
                + " value: 30040: provided port is already allocated")).isTrue();
        assertThat(Applier.isPortStillHeld("Service \"simple-proxy-np\" is invalid: spec.ports[0].nodePort: Invalid"
                + " value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"))
                .isFalse();
        assertThat(Applier.isPortStillHeld(null)).isFalse();
    }
}

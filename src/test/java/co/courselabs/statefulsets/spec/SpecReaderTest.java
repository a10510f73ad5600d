package co.courselabs.statefulsets.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    @DisplayName("a file with several documents gives one object per document, empty documents skipped")
    void multiDocumentFile() throws IOException {
        Path file = write("all.yaml", """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: one
                ---
                # nothing but a comment
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: two
                ---
                """);
        List<SpecDocument> documents = SpecReader.read(file);
        assertThat(documents).extracting(SpecDocument::ref).containsExactly("ConfigMap/one", "Service/two");
        assertThat(documents.get(1).lineOf()).isEqualTo(9);
    }

    @Test
    @DisplayName("a folder is read like kubectl apply -f: .yaml, .yml and .json files in name order, no sub-folders")
    void folderRules() throws IOException {
        write("b.yml", "apiVersion: v1\nkind: Secret\nmetadata: {name: b}\n");
        write("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        write("c.json", "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"c\"}}");
        write("README.md", "not a spec");
        write("notes.txt", "kind: Pod");
        write("update/d.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: d}\n");
        assertThat(SpecReader.read(dir)).extracting(SpecDocument::ref)
                .containsExactly("ConfigMap/a", "Secret/b", "Service/c");
    }

    @Test
    @DisplayName("a YAML syntax error is reported with the file and its line")
    void syntaxErrorHasFileAndLine() throws IOException {
        Path file = write("broken.yaml", """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: broken
                spec:
                  serviceName: x
                   replicas: 2
                """);
        assertThatThrownBy(() -> SpecReader.read(file))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("broken.yaml:7: YAML error")
                .satisfies(e -> assertThat(((SpecException) e).line()).isEqualTo(7));
    }

    @Test
    @DisplayName("duplicate keys, a document that is not an object, and a missing kind are faults with a line")
    void structuralFaults() throws IOException {
        Path duplicate = write("dup.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
        assertThatThrownBy(() -> SpecReader.read(duplicate)).hasMessageContaining("dup.yaml:5").hasMessageContaining("duplicate");
        Path list = write("list.yaml", "- a\n- b\n");
        assertThatThrownBy(() -> SpecReader.read(list))
                .hasMessageContaining("list.yaml:1: a document must be a Kubernetes object");
        Path noKind = write("nokind.yaml", "apiVersion: v1\nmetadata:\n  name: a\n");
        assertThatThrownBy(() -> SpecReader.read(noKind)).hasMessageContaining("nokind.yaml:1: the object has no kind");
        Path noName = write("noname.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {}\n");
        assertThatThrownBy(() -> SpecReader.read(noName)).hasMessageContaining("noname.yaml:3: Pod has no metadata.name");
    }

    @Test
    @DisplayName("values are read as Kubernetes reads YAML: 0500 is octal, timestamps stay text, Lists are unpacked")
    void valuesAsKubernetesReadsThem() throws IOException {
        Path file = write("values.yaml", """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: dated
                      annotations:
                        when: 2024-01-02
                    data:
                      mode: "0500"
                  - apiVersion: v1
                    kind: Pod
                    metadata:
                      name: p
                    spec:
                      volumes:
                        - name: s
                          configMap: {name: s, defaultMode: 0500}
                """);
        List<SpecDocument> documents = SpecReader.read(file);
        assertThat(documents).extracting(SpecDocument::ref).containsExactly("ConfigMap/dated", "Pod/p");
        assertThat(documents.get(0).text("metadata", "annotations", "when")).isEqualTo("2024-01-02");
        assertThat(documents.get(1).at("spec", "volumes", 0, "configMap", "defaultMode")).contains(320);
        assertThat(documents.get(1).lineOf("spec", "volumes", 0, "configMap")).isEqualTo(19);
    }

    @Test
    @DisplayName("YAML that asks for code (language tags) is refused, not run")
    void refusesLanguageTags() throws IOException {
        Path file = write("evil.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: !!javax.script.ScriptEngineManager [x]\n");
        assertThatThrownBy(() -> SpecReader.read(file)).isInstanceOf(SpecException.class).hasMessageContaining("evil.yaml:3");
    }

    @Test
    @DisplayName("an alias of any kind (a scalar too) is refused at its line, before anything is built from it")
    void refusesAliases() throws IOException {
        Path file = write("alias.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  one: &x hello\n"
                + "  two: *x\n");
        assertThatThrownBy(() -> SpecReader.read(file)).isInstanceOf(SpecRefused.class)
                .hasMessageContaining("alias.yaml:7: a YAML alias (*x)");
    }

    @Test
    @DisplayName("more objects than an answer could need are refused")
    void refusesTooManyDocuments() throws IOException {
        String one = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n";
        Path file = write("many.yaml", one.repeat(SpecReader.MAX_DOCUMENTS + 1));
        assertThatThrownBy(() -> SpecReader.read(file)).isInstanceOf(SpecRefused.class)
                .hasMessageContaining("more than " + SpecReader.MAX_DOCUMENTS + " objects");
    }

    @Test
    @DisplayName("a folder without specs, and a path that does not exist, say so")
    void missingSpecs() {
        assertThatThrownBy(() -> SpecReader.read(dir)).hasMessageContaining("no .yaml, .yml or .json files");
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("nope"))).hasMessageContaining("no such file or folder");
    }

    @Test
    @DisplayName("every lab spec folder parses and every object carries the lab's cleanup label")
    void labSpecsCarryTheCleanupLabel() {
        for (String folder : List.of("simple", "simple/update", "sleep-pod.yaml", "products-db", "products-db/update",
                "simple-proxy", "solution", "adminer")) {
            for (SpecDocument document : SpecReader.read(Path.of("specs", folder))) {
                assertThat(document.text("metadata", "labels", "kubernetes.courselabs.co"))
                        .as("cleanup label of %s in %s", document.ref(), document.file())
                        .isEqualTo("statefulsets");
            }
        }
    }
}

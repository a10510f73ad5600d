package co.courselabs.statefulsets.grade.answer;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.spec.SpecDocument.Values;
import co.courselabs.statefulsets.spec.SpecReader;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LabProxyTest {

    /** The reference answer's Pod spec, as a copy to change. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> referencePod() {
        var set = SpecReader.read(LabSpecs.SOLUTION).stream().filter(d -> d.kind().equals("StatefulSet")).findFirst()
                .orElseThrow();
        return (Map<String, Object>) deepCopy(Values.map(set.content(), "spec", "template", "spec"));
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> proxy(Map<String, Object> pod) {
        return (Map<String, Object>) ((List<Object>) pod.get("containers")).get(0);
    }

    private static List<String> problems(Map<String, Object> pod) {
        return LabProxy.problems(pod).stream().map(LabProxy.Problem::message).toList();
    }

    @Test
    @DisplayName("the reference's proxy is the lab's; so is its image under Docker Hub's other names, or pinned")
    void labProxy() {
        assertThat(problems(referencePod())).isEmpty();
        for (String image : List.of("docker.io/library/nginx:1.18-alpine", "library/nginx:1.18-alpine",
                "nginx:1.18-alpine@sha256:" + "a".repeat(64))) {
            Map<String, Object> pod = referencePod();
            proxy(pod).put("image", image);
            assertThat(problems(pod)).as(image).isEmpty();
        }
        assertThat(LabProxy.isLabImage("evil.example/nginx:1.18-alpine")).isFalse();
        assertThat(LabProxy.isLabImage("nginx:1.18")).isFalse();
    }

    @Test
    @DisplayName("a Pod as the API returns it (empty lists for what the YAML left out) is the lab's proxy")
    void podFromTheApi() {
        V1Pod pod = new V1Pod().spec(new V1PodSpec()
                .addContainersItem(new V1Container().name("app").image(LabProxy.IMAGE)
                        .addVolumeMountsItem(new V1VolumeMount().name("config").mountPath("/etc/nginx/"))
                        .addVolumeMountsItem(new V1VolumeMount().name("cache").mountPath("/cache")))
                .addVolumesItem(new V1Volume().name("config").configMap(new V1ConfigMapVolumeSource()
                        .name(Exercise.PROXY_CONFIG_MAP))));
        Map<String, Object> spec = new Gson().fromJson(JSON.serialize(pod.getSpec()),
                new TypeToken<Map<String, Object>>() { }.getType());
        assertThat(problems(spec)).isEmpty();
    }

    @Test
    @DisplayName("the lab's nginx.conf by subPath is the lab's configuration; another volume over /etc/nginx is not")
    @SuppressWarnings("unchecked")
    void configuration() {
        Map<String, Object> pod = referencePod();
        proxy(pod).put("volumeMounts", List.of(Map.of("name", "config", "mountPath", "/etc/nginx/nginx.conf",
                "subPath", "nginx.conf"), Map.of("name", "cache", "mountPath", "/cache")));
        assertThat(problems(pod)).isEmpty();
        ((List<Object>) pod.get("volumes")).add(Map.of("name", "extra", "emptyDir", Map.of()));
        proxy(pod).put("volumeMounts", List.of(Map.of("name", "config", "mountPath", "/etc/nginx/"),
                Map.of("name", "extra", "mountPath", "/etc/nginx/conf.d"), Map.of("name", "cache", "mountPath", "/cache")));
        assertThat(problems(pod)).singleElement().asString().contains("reads /etc/nginx/conf.d from volume extra");
    }

    @Test
    @DisplayName("commands of the answer's own in the proxy, and containers beside it, are not the lab's proxy")
    void ownCommands() {
        Map<String, Object> pod = referencePod();
        proxy(pod).put("readinessProbe", Map.of("exec", Map.of("command", List.of("sh", "-c", "true"))));
        proxy(pod).put("lifecycle", Map.of("postStart", Map.of("exec", Map.of("command", List.of("touch", "/cache/x")))));
        pod.put("initContainers", List.of(Map.of("name", "fill-cache", "image", "nginx:1.18-alpine")));
        assertThat(problems(pod)).hasSize(3).anyMatch(p -> p.contains("readinessProbe"))
                .anyMatch(p -> p.contains("lifecycle")).anyMatch(p -> p.contains("init container fill-cache"));
        proxy(pod).remove("readinessProbe");
        proxy(pod).put("livenessProbe", Map.of("httpGet", Map.of("path", "/", "port", 80)));
        assertThat(problems(pod)).noneMatch(p -> p.contains("Probe"));
    }
}

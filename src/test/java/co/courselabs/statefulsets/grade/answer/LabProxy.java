package co.courselabs.statefulsets.grade.answer;

import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.spec.SpecDocument.Values;
import co.courselabs.statefulsets.spec.SpecReader;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "It works" is judged on the lab's own proxy: its image ({@value #IMAGE}), started as the image
 * starts it, with the lab's nginx configuration (ConfigMap {@value Exercise#PROXY_CONFIG_MAP} at {@value #CONFIG_DIR}),
 * alone in its Pod. Anything else could print the page the grader looks for, with the headers it
 * checks, without proxying or caching anything. The same rules read a Pod template from the YAML and
 * a running Pod from the cluster.
 */
public final class LabProxy {

    static final String IMAGE = "nginx:1.18-alpine";
    static final String CONFIG_DIR = "/etc/nginx";
    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
    /** Variables read by the loader, the shell and the image's entrypoint: they choose what runs. */
    private static final java.util.regex.Pattern RUNS_SOMETHING_ELSE = java.util.regex.Pattern.compile(
            "PATH|LD_.*|NGINX_.*|ENV|BASH_ENV|SHELL|IFS|MALLOC_.*|GCONV_PATH|LOCPATH|HOSTALIASES|RES_OPTIONS|LOCALDOMAIN");

    /** Why a Pod is not the lab's proxy, and where in its spec (a path below the Pod spec). */
    record Problem(String message, Object[] at) {
    }

    private LabProxy() {
    }

    /** The problems of a Pod spec (plain maps, as read from YAML or from the API's JSON); empty when it is the lab's proxy. */
    static List<Problem> problems(Map<String, Object> podSpec) {
        List<Problem> problems = new ArrayList<>();
        List<Object> containers = Values.list(podSpec, "containers");
        int proxy = proxyIndex(containers);
        List<Object> inits = Values.list(podSpec, "initContainers");
        for (int i = 0; i < inits.size(); i++) {
            problems.add(new Problem("init container " + Values.at(inits.get(i), "name") + " runs before the proxy: It"
                    + " works is judged on the lab's proxy alone, so leave init containers out",
                    new Object[] {"initContainers", i}));
        }
        for (int i = 0; i < containers.size(); i++) {
            if (i != proxy) {
                problems.add(new Problem("container " + Values.at(containers.get(i), "name") + " runs beside the proxy:"
                        + " It works is judged on the lab's proxy alone, so the Pod has one container",
                        new Object[] {"containers", i}));
            }
        }
        if (proxy >= 0) {
            checkProxy(podSpec, Values.map(containers.get(proxy)), new Object[] {"containers", proxy}, problems);
        }
        return problems;
    }

    private static void checkProxy(Map<String, Object> podSpec, Map<String, Object> container, Object[] at,
            List<Problem> problems) {
        String who = "container " + container.get("name");
        Object image = container.get("image");
        if (!isLabImage(image)) {
            problems.add(new Problem(who + " runs image " + image + ": It works is judged on the lab's proxy, " + IMAGE
                    + ", and no other image can earn it", PodSecurity.append(at, "image")));
        }
        for (String field : List.of("command", "args")) {
            if (isSet(container.get(field))) {
                problems.add(new Problem(who + " sets " + field + ": the grader judges the lab's proxy as its image"
                        + " starts it (nginx, with the lab's configuration), so leave command and args out",
                        PodSecurity.append(at, field)));
            }
        }
        if (isSet(container.get("lifecycle"))) {
            problems.add(new Problem(who + " runs commands of its own (lifecycle hooks): leave lifecycle out",
                    PodSecurity.append(at, "lifecycle")));
        }
        for (String probe : PROBES) {
            if (isSet(Values.at(container, probe, "exec"))) {
                problems.add(new Problem(who + " runs a command of its own in its " + probe + ": probe the proxy with"
                        + " httpGet or tcpSocket instead", PodSecurity.append(at, probe, "exec")));
            }
        }
        checkConfiguration(podSpec, container, at, problems);
        checkEnvironment(container, at, problems);
    }

    /**
     * Mounts only where the lab mounts: the lab's ConfigMap at /etc/nginx (whole, or its nginx.conf
     * by subPath) and the cache at /cache. A file mounted anywhere else can replace what runs (a
     * ConfigMap on /usr/local/sbin, which is on PATH before /usr/sbin, is an "nginx" of the answer's).
     */
    private static void checkConfiguration(Map<String, Object> podSpec, Map<String, Object> container, Object[] at,
            List<Problem> problems) {
        String who = "container " + container.get("name");
        List<Object> mounts = Values.list(container, "volumeMounts");
        boolean labConfig = false;
        boolean otherConfig = false;
        for (int m = 0; m < mounts.size(); m++) {
            Object[] mountAt = PodSecurity.append(at, "volumeMounts", m);
            String path = mountPath(mounts.get(m));
            String volume = String.valueOf(Values.at(mounts.get(m), "name"));
            Object configMap = volumeOf(podSpec, volume).map(v -> Values.at(v, "configMap", "name")).orElse(null);
            boolean lab = Exercise.PROXY_CONFIG_MAP.equals(configMap);
            Object subPath = Values.at(mounts.get(m), "subPath");
            boolean labFile = lab && path.equals(CONFIG_DIR + "/nginx.conf") && "nginx.conf".equals(subPath);
            if (isSet(Values.at(mounts.get(m), "subPathExpr")) || isSet(subPath) && !labFile) {
                problems.add(new Problem(who + " mounts part of volume " + volume + " (subPath) at " + path + ": the"
                        + " lab's proxy mounts its configuration and its cache whole", mountAt));
                continue;
            }
            if (path.equals(Exercise.CACHE_PATH)) {
                continue; // the cache's source is the cache-pvc criterion's
            }
            if (!path.equals(CONFIG_DIR) && !path.startsWith(CONFIG_DIR + "/")) {
                problems.add(new Problem(who + " mounts volume " + volume + " at " + path + ": the lab's proxy mounts"
                        + " only its configuration at " + CONFIG_DIR + "/ and its cache at " + Exercise.CACHE_PATH
                        + ", and a file mounted elsewhere can replace what runs (a program on PATH)", mountAt));
            } else if (lab) {
                labConfig |= path.equals(CONFIG_DIR) || labFile;
            } else {
                otherConfig = true;
                problems.add(new Problem(who + " reads " + path + " from " + (configMap == null ? "volume " + volume
                        : "ConfigMap " + configMap) + ", not from the lab's " + Exercise.PROXY_CONFIG_MAP
                        + ": It works is judged with the lab's nginx configuration", mountAt));
            }
        }
        if (!labConfig && !otherConfig) {
            problems.add(new Problem(who + " does not mount the lab's nginx configuration: mount ConfigMap "
                    + Exercise.PROXY_CONFIG_MAP + " at " + CONFIG_DIR + "/, as the Deployment did",
                    PodSecurity.append(at, "volumeMounts")));
        }
    }

    /** A mount's path as the container sees it: no doubled, trailing or dot segments. */
    static String mountPath(Object mount) {
        String path = String.valueOf(Values.at(mount, "mountPath"));
        String clean = java.nio.file.Path.of("/").resolve(path.replaceAll("/+", "/")).normalize().toString();
        return clean.length() > 1 ? clean.replaceAll("/+$", "") : clean;
    }

    /**
     * What the lab's proxy runs is decided by its image alone: the environment changes it (PATH picks
     * the program, LD_PRELOAD adds code to it, NGINX_* steers the image's entrypoint), and so does a
     * working directory. Variables of other names change nothing the proxy runs.
     */
    private static void checkEnvironment(Map<String, Object> container, Object[] at, List<Problem> problems) {
        String who = "container " + container.get("name");
        List<Object> env = Values.list(container, "env");
        for (int e = 0; e < env.size(); e++) {
            String name = String.valueOf(Values.at(env.get(e), "name"));
            if (RUNS_SOMETHING_ELSE.matcher(name).matches()) {
                problems.add(new Problem(who + " sets " + name + " in env, which changes what the lab's proxy runs:"
                        + " It works is judged on the lab's proxy as its image starts it, so leave it out",
                        PodSecurity.append(at, "env", e)));
            }
        }
        if (isSet(container.get("envFrom"))) {
            problems.add(new Problem(who + " takes variables from envFrom, whose names only the data knows (PATH,"
                    + " LD_PRELOAD change what runs): It works is judged on the lab's proxy as its image starts it, so"
                    + " leave envFrom out", PodSecurity.append(at, "envFrom")));
        }
        if (isSet(container.get("workingDir"))) {
            problems.add(new Problem(who + " sets workingDir: It works is judged on the lab's proxy as its image"
                    + " starts it, so leave workingDir out", PodSecurity.append(at, "workingDir")));
        }
    }

    /** Written in the spec: the API's JSON has empty lists and objects where YAML has nothing. */
    private static boolean isSet(Object value) {
        return value != null && !(value instanceof List<?> list && list.isEmpty())
                && !(value instanceof Map<?, ?> map && map.isEmpty());
    }

    /** The lab's image under any of Docker Hub's spellings of it (a digest may pin it). */
    static boolean isLabImage(Object image) {
        if (image == null) {
            return false;
        }
        String name = String.valueOf(image).replaceFirst("@sha256:[0-9a-f]{64}$", "");
        name = name.replaceFirst("^(docker\\.io|index\\.docker\\.io|registry-1\\.docker\\.io)/", "");
        name = name.replaceFirst("^library/", "");
        return name.equals(IMAGE);
    }

    /** The container that mounts /cache (the proxy), else the first; -1 when there is none. */
    static int proxyIndex(List<Object> containers) {
        for (int i = 0; i < containers.size(); i++) {
            for (Object mount : Values.list(containers.get(i), "volumeMounts")) {
                if (mountPath(mount).equals(Exercise.CACHE_PATH)) {
                    return i;
                }
            }
        }
        return containers.isEmpty() ? -1 : 0;
    }

    /**
     * The same rules on what the cluster runs: the Pods that were Ready (whatever made them: a bare
     * Pod of the right name is adopted by the StatefulSet), and the lab's ConfigMap as it is now.
     */
    public static List<String> onCluster(Kube kube, List<String> pods) {
        List<String> problems = new ArrayList<>();
        Gson gson = new Gson();
        for (String name : pods) {
            V1Pod pod = kube.pods().get(name);
            if (pod != null && pod.getSpec() != null) {
                Map<String, Object> spec = gson.fromJson(io.kubernetes.client.openapi.JSON.serialize(pod.getSpec()),
                        new TypeToken<Map<String, Object>>() { }.getType());
                problems(spec).forEach(p -> problems.add("on the cluster, Pod " + name + ": " + p.message()));
            }
        }
        V1ConfigMap config = kube.configMap(Exercise.PROXY_CONFIG_MAP);
        Map<String, Object> labData = SpecReader.read(LabSpecs.SIMPLE_PROXY).stream()
                .filter(d -> d.kind().equals("ConfigMap") && d.name().equals(Exercise.PROXY_CONFIG_MAP))
                .map(d -> Values.map(d.content(), "data")).findFirst().orElse(Map.of());
        if (config == null || !labData.equals(config.getData() == null ? Map.of() : Map.copyOf(config.getData()))) {
            problems.add("on the cluster, ConfigMap " + Exercise.PROXY_CONFIG_MAP + " is not the lab's nginx configuration");
        }
        return problems;
    }

    private static java.util.Optional<Object> volumeOf(Map<String, Object> podSpec, String name) {
        return Values.list(podSpec, "volumes").stream().filter(v -> Objects.equals(name, Values.at(v, "name")))
                .findFirst();
    }
}

package co.courselabs.statefulsets.k8s;

import co.courselabs.statefulsets.progress.Waits;
import io.kubernetes.client.Exec;
import io.kubernetes.client.PodLogs;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Pod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The verbs on Pods the lab uses: wait for Ready, replace, read logs, exec. */
public final class Pods {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** How long, past its grace period, a deleted Pod may take to be stopped and removed. */
    private static final Duration REMOVAL_ALLOWANCE = Duration.ofSeconds(120);
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);
    /**
     * What the suite reads back from a container, at most: a log's last lines and an exec's output
     * are a student's to fill, and a container that prints gigabytes must not fill the grader's memory.
     */
    public static final int LOG_LINES = 1000;
    public static final int READ_LIMIT = 256 * 1024;

    private final CoreV1Api core;
    private final ApiClient streaming;
    private final String namespace;

    public Pods(ApiClient client, ApiClient streaming, String namespace) {
        this.core = new CoreV1Api(client);
        this.streaming = streaming;
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    /** The Pod, or null when there is none of that name. */
    public V1Pod get(String name) {
        try {
            return Kube.orNull(() -> core.readNamespacedPod(name, namespace).execute());
        } catch (ApiException e) {
            throw new IllegalStateException("cannot read Pod " + name + ": " + e.getResponseBody(), e);
        }
    }

    /** Pods matching a label selector, by name. */
    public List<V1Pod> list(String labelSelector) {
        try {
            return core.listNamespacedPod(namespace).labelSelector(labelSelector).execute().getItems().stream()
                    .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                    .toList();
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list Pods " + labelSelector + ": " + e.getResponseBody(), e);
        }
    }

    /** Events about one Pod (one incarnation of a name), oldest first. */
    public List<CoreV1Event> events(V1Pod pod) {
        return Events.in(core, namespace).about(pod.getMetadata().getUid());
    }

    public V1Pod awaitReady(String name) {
        return awaitReady(name, READY_TIMEOUT);
    }

    /**
     * Waits for the Pod to be Running and Ready; fails at once, with the cluster's reason, when it
     * never can be (bad image, crash loop, a volume that cannot mount).
     */
    public V1Pod awaitReady(String name, Duration timeout) {
        return awaitReady(name, null, timeout);
    }

    /**
     * Waits for the Pod of this name with UID {@code oldUid} to be removed, then for its replacement to
     * be Ready: its controller makes no replacement until the old Pod is gone. Each has its own bound.
     */
    public V1Pod awaitReplacedAndReady(String name, String oldUid) {
        awaitRemoved(name, oldUid);
        return awaitReady(name, oldUid, READY_TIMEOUT);
    }

    /**
     * Bounded by the old Pod's grace period plus {@link #REMOVAL_ALLOWANCE}: after its container stops,
     * the 1.20 kubelet was seen taking up to 70 s more to remove a Pod from the API.
     */
    private void awaitRemoved(String name, String uid) {
        AtomicReference<V1Pod> old = new AtomicReference<>(get(name));
        if (old.get() == null || !uid.equals(uid(old.get()))) {
            return;
        }
        Duration bound = REMOVAL_ALLOWANCE.plusSeconds(gracePeriodSeconds(old.get()));
        String what = "the old " + name + " (UID " + uid + ") removed";
        Waits.until(what, bound, () -> "it is " + PodStates.summary(old.get()), () -> {
            V1Pod pod = get(name);
            old.set(pod != null && uid.equals(uid(pod)) ? pod : null);
            return old.get() == null;
        });
    }

    /** The seconds a Pod is given to stop: the one its deletion set, else its spec's (default 30). */
    private static long gracePeriodSeconds(V1Pod pod) {
        Long deleting = pod.getMetadata().getDeletionGracePeriodSeconds();
        Long spec = pod.getSpec() == null ? null : pod.getSpec().getTerminationGracePeriodSeconds();
        return deleting != null ? deleting : spec != null ? spec : 30;
    }

    private V1Pod awaitReady(String name, String notUid, Duration timeout) {
        String what = notUid == null ? name + " Running and Ready" : "a new " + name + " Running and Ready";
        return awaitRunningAndReady(what, () -> "there is no Pod " + name, timeout, () -> {
            V1Pod pod = get(name);
            return pod == null || Objects.equals(uid(pod), notUid) ? List.of() : List.of(pod);
        });
    }

    /**
     * Waits for a Pod of a Deployment (random name) to be Running and Ready; fails at once when one
     * of its Pods never can be.
     */
    public V1Pod awaitAnyReady(String selector, Duration timeout) {
        return awaitRunningAndReady("a Pod " + selector + " Running and Ready", () -> "no Pod matches " + selector,
                timeout, () -> list(selector));
    }

    /** Waits for one of the {@code candidates} to be Running and Ready; fails at once when one never can be. */
    private V1Pod awaitRunningAndReady(String what, Supplier<String> none, Duration timeout,
            Supplier<List<V1Pod>> candidates) {
        List<V1Pod> last = new CopyOnWriteArrayList<>();
        Supplier<String> seen = () -> last.isEmpty() ? none.get() : describe(last);
        boolean ready = Waits.within(what, timeout, seen, () -> {
            List<V1Pod> pods = candidates.get();
            last.clear();
            last.addAll(pods);
            return pods.stream().anyMatch(PodStates::isRunningAndReady);
        }, () -> {
            for (V1Pod pod : last) {
                PodStates.hopeless(pod, events(pod)).ifPresent(reason -> {
                    throw new AssertionError(reason);
                });
            }
        });
        if (ready) {
            return last.stream().filter(PodStates::isRunningAndReady).findFirst().orElseThrow();
        }
        for (V1Pod pod : last) {
            PodStates.refusedPull(pod, events(pod)).ifPresent(refused -> {
                throw new RegistryUnavailable(what + ": not within " + timeout.toSeconds() + "s, because the registry"
                        + " kept refusing the image " + refused);
            });
        }
        throw new AssertionError(what + ": not within " + timeout.toSeconds() + "s; " + seen.get());
    }

    private static String describe(List<V1Pod> pods) {
        if (pods.size() == 1) {
            return "the Pod is " + PodStates.summary(pods.get(0));
        }
        return "the Pods are " + pods.stream().map(p -> p.getMetadata().getName() + " " + PodStates.summary(p)).toList();
    }

    private static String uid(V1Pod pod) {
        return pod == null ? null : pod.getMetadata().getUid();
    }

    /** Creates the Pod; the API's refusal (admission, quota) is the caller's to read. */
    public V1Pod create(V1Pod pod) throws ApiException {
        return core.createNamespacedPod(namespace, pod).execute();
    }

    /** The Pod as the API would admit it (defaults and admission applied), created by nobody. */
    public V1Pod dryRun(V1Pod pod) throws ApiException {
        return core.createNamespacedPod(namespace, pod).dryRun("All").execute();
    }

    /** Deletes the Pod (as {@code kubectl delete pod} does) and returns the UID it had. */
    public String delete(String name) {
        V1Pod pod = get(name);
        if (pod == null) {
            throw new AssertionError("Pod " + name + " does not exist, so it cannot be deleted");
        }
        try {
            core.deleteNamespacedPod(name, namespace).body(new V1DeleteOptions()).execute();
        } catch (ApiException e) {
            throw new IllegalStateException("cannot delete Pod " + name + ": " + e.getResponseBody(), e);
        }
        return uid(pod);
    }

    /**
     * The log of one container, as {@code kubectl logs POD -c CONTAINER --tail=1000 --limit-bytes=256Ki}
     * prints it: the whole log of the lab's containers, the end of a chatty one.
     */
    public String logs(String pod, String container) {
        try {
            return core.readNamespacedPodLog(pod, namespace).container(container).tailLines(LOG_LINES)
                    .limitBytes(READ_LIMIT).execute();
        } catch (ApiException e) {
            throw new IllegalStateException("cannot read the log of " + pod + "/" + container + ": "
                    + e.getResponseBody(), e);
        }
    }

    /** The log of the container's previous run (after a restart), or null when there is none. */
    public String previousLogs(String pod, String container) {
        try {
            return core.readNamespacedPodLog(pod, namespace).container(container).previous(true).tailLines(LOG_LINES)
                    .limitBytes(READ_LIMIT).execute();
        } catch (ApiException e) {
            return null;
        }
    }

    /** Follows a container's log from its start, as {@code kubectl logs -f}; close it when done. */
    public InputStream follow(String pod, String container) {
        try {
            return new PodLogs(streaming).streamNamespacedPodLog(namespace, pod, container);
        } catch (ApiException | IOException e) {
            throw new IllegalStateException("cannot follow the log of " + pod + "/" + container + ": "
                    + e.getMessage(), e);
        }
    }

    public record ExecResult(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    /** Runs a command in a container, as {@code kubectl exec POD -c CONTAINER -- COMMAND}. */
    public ExecResult exec(String pod, String container, String... command) {
        Process process = null;
        try {
            process = new Exec(streaming).exec(namespace, pod, command, container, false, false);
            Process running = process;
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(running.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(running.getErrorStream()));
            if (!process.waitFor(EXEC_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("`" + String.join(" ", command) + "` in " + pod + " did not finish within "
                        + EXEC_TIMEOUT.toSeconds() + "s");
            }
            return new ExecResult(process.exitValue(),
                    new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8),
                    new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (ApiException | IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot exec `" + String.join(" ", command) + "` in " + pod + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (process != null) {
                process.destroy();
            }
        }
    }

    /** The stream's first {@link #READ_LIMIT} bytes; the rest is read and dropped, so the process can end. */
    static byte[] readAll(InputStream in) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                buffer.write(chunk, 0, Math.max(0, Math.min(n, READ_LIMIT - buffer.size())));
            }
        } catch (IOException e) {
            // the stream closes when the process ends; what was read is the output
        }
        return buffer.toByteArray();
    }
}

package co.courselabs.statefulsets.k8s;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ListMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.Watch;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every change to a set of objects, in the order the API server made them: a watch opened from the
 * list's resourceVersion before the lab's spec is applied, so nothing can be missed. One watch
 * delivers its events in the order they were written, which is what makes it proof of order.
 */
public final class Timeline<T extends KubernetesObject> implements AutoCloseable {

    /** One change: its place in the stream, the watch's event type, the object after it, and when it arrived here. */
    public record Entry<T>(int index, String type, T object, Instant seen) {
        public String name() {
            return ((KubernetesObject) object).getMetadata().getName();
        }

        /** The store's revision of this change, comparable across watches of one cluster. */
        public long revision() {
            String rv = ((KubernetesObject) object).getMetadata().getResourceVersion();
            try {
                return Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("this cluster's resourceVersions are not numbers (" + rv
                        + "), so changes to different kinds cannot be ordered", e);
            }
        }
    }

    private final List<Entry<T>> entries = new CopyOnWriteArrayList<>();
    private final Watch<T> watch;
    private final Thread reader;

    private Timeline(String what, Watch<T> watch) {
        this.watch = watch;
        this.reader = new Thread(this::read, "timeline " + what);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    @FunctionalInterface
    private interface ApiCall<R> {
        R call() throws ApiException;
    }

    @FunctionalInterface
    private interface WatchCall {
        okhttp3.Call build(String resourceVersion) throws ApiException;
    }

    public static Timeline<V1Pod> pods(ApiClient client, ApiClient streaming, String namespace, String selector) {
        CoreV1Api list = new CoreV1Api(client);
        CoreV1Api watch = new CoreV1Api(streaming);
        return open("Pods " + selector, streaming,
                () -> list.listNamespacedPod(namespace).labelSelector(selector).execute().getMetadata(),
                rv -> watch.listNamespacedPod(namespace).labelSelector(selector).watch(true).resourceVersion(rv)
                        .buildCall(null),
                new TypeToken<Watch.Response<V1Pod>>() { }.getType());
    }

    public static Timeline<V1PersistentVolumeClaim> claims(ApiClient client, ApiClient streaming, String namespace,
            String selector) {
        CoreV1Api list = new CoreV1Api(client);
        CoreV1Api watch = new CoreV1Api(streaming);
        return open("PVCs " + selector, streaming,
                () -> list.listNamespacedPersistentVolumeClaim(namespace).labelSelector(selector).execute().getMetadata(),
                rv -> watch.listNamespacedPersistentVolumeClaim(namespace).labelSelector(selector).watch(true)
                        .resourceVersion(rv).buildCall(null),
                new TypeToken<Watch.Response<V1PersistentVolumeClaim>>() { }.getType());
    }

    /** Lists first, then watches from the list's resourceVersion: no change falls between the two. */
    private static <T extends KubernetesObject> Timeline<T> open(String what, ApiClient streaming,
            ApiCall<V1ListMeta> list, WatchCall watch, Type type) {
        try {
            String rv = list.call().getResourceVersion();
            return new Timeline<>(what, Watch.createWatch(streaming, watch.build(rv), type));
        } catch (ApiException e) {
            throw new IllegalStateException("cannot watch " + what + ": " + e.getResponseBody(), e);
        }
    }

    private void read() {
        try {
            for (Watch.Response<T> event : watch) {
                if (event.object != null && !"BOOKMARK".equals(event.type) && !"ERROR".equals(event.type)) {
                    entries.add(new Entry<>(entries.size(), event.type, event.object, Instant.now()));
                }
            }
        } catch (RuntimeException e) {
            // closed by close(), or the server ended the watch: what was seen stays recorded
        }
    }

    public List<Entry<T>> entries() {
        return List.copyOf(entries);
    }

    /** The number of the first change after which {@code holds} is true of the named object. */
    public static <T> OptionalInt firstIndex(List<Entry<T>> entries, String name, Predicate<T> holds) {
        return first(entries, name, holds).stream().mapToInt(Entry::index).findFirst();
    }

    /**
     * The first change after which {@code holds} is true of the named object; when there is none,
     * fails with "the watch never saw NAME {@code change}" and every change seen.
     */
    public static <T> Entry<T> requireFirst(List<Entry<T>> entries, String name, String change, Predicate<T> holds,
            Function<T, String> state) {
        return first(entries, name, holds).orElseThrow(() -> new AssertionError("the watch never saw " + name + " "
                + change + ". " + describe(entries, state)));
    }

    private static <T> Optional<Entry<T>> first(List<Entry<T>> entries, String name, Predicate<T> holds) {
        return entries.stream().filter(e -> e.name().equals(name) && holds.test(e.object())).findFirst();
    }

    /** What was seen, one line per change, for failure messages. */
    public static <T> String describe(List<Entry<T>> entries, Function<T, String> state) {
        StringBuilder text = new StringBuilder("Changes in the order the API server made them:");
        for (Entry<T> entry : entries) {
            text.append("\n  #").append(entry.index()).append(' ').append(entry.type()).append(' ')
                    .append(entry.name()).append(": ").append(state.apply(entry.object()));
        }
        return text.toString();
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            // nothing more to read
        }
        reader.interrupt();
    }
}

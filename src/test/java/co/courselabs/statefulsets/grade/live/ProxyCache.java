package co.courselabs.statefulsets.grade.live;

import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.Pods.ExecResult;
import co.courselabs.statefulsets.progress.Waits;
import java.time.Duration;

/** The proxy's cache on each Pod's own volume, as {@code kubectl exec} shows it. */
final class ProxyCache {

    /** nginx moves a cached response into place just after sending it. */
    private static final Duration FILES_APPEAR = Duration.ofSeconds(10);

    private ProxyCache() {
    }

    /** {@code kubectl exec simple-proxy-N -- find /cache -type f} shows cache files in every Ready Pod. */
    static void checkFiles(Kube kube, ProxyStatefulSet proxy, Grade grade, Criterion criterion) {
        for (String pod : proxy.readyPods()) {
            try {
                long count = Waits.forValue("cache files in " + Exercise.CACHE_PATH + " of " + pod, FILES_APPEAR,
                        () -> files(kube, pod, proxy.cacheContainer()), n -> n > 0);
                grade.verified(criterion, pod + " has " + count + " cache file" + (count == 1 ? "" : "s") + " in "
                        + Exercise.CACHE_PATH);
            } catch (AssertionError e) {
                grade.fail(criterion, "Pod " + pod + " has no cache files in " + Exercise.CACHE_PATH
                        + " after serving the page (" + e.getMessage() + ")");
            }
        }
    }

    private static long files(Kube kube, String pod, String container) {
        ExecResult files = kube.pods().exec(pod, container, "find", Exercise.CACHE_PATH, "-type", "f");
        return files.exitCode() != 0 ? -1 : files.stdout().lines().filter(l -> !l.isBlank()).count();
    }
}

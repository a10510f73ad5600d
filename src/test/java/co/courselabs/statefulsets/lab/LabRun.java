package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.cluster.ClusterReadiness;
import co.courselabs.statefulsets.cluster.K3sCluster;
import co.courselabs.statefulsets.cluster.KubeconfigCluster;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.LabCluster;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.settings.ClusterSettings;
import co.courselabs.statefulsets.settings.LabSettings;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One run of the suite on one cluster: the cluster (started or connected once), who is running, the
 * run's Lease on the lab's namespace, the facts found out about the cluster, and the end, which removes
 * everything the run made, also when the JVM is stopped (Ctrl-C, SIGTERM). The lab itself is
 * {@link Lab}: one per namespace, the lab's own and each graded answer's.
 */
public final class LabRun {

    private final LabCluster cluster;
    private final String runId;
    private final Lab lab;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Map<String, Once<Object>> facts = new ConcurrentHashMap<>();
    private RunLease lease;

    private LabRun(LabCluster cluster, String runId) {
        this.cluster = cluster;
        this.runId = runId;
        this.lab = new Lab(this, new Kube(cluster, LabSpecs.namespace(), runId));
    }

    /** Who is running: {@code user@host-pid-xxxx}, on the run's objects and its Lease. */
    static String newRunId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return LabSettings.get().user() + "@" + host + "-" + ProcessHandle.current().pid() + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 4);
    }

    /** Starts the run: the cluster, its checks, the run's Lease, the leftovers of an ended run removed. */
    static LabRun start() {
        LabSpecs.requireAll();
        ClusterSettings settings = LabSettings.get().cluster();
        Progress.say("starting: " + settings.backend().name().toLowerCase() + " backend");
        forgetEarlierDiagnostics();
        LabCluster cluster = switch (settings.backend()) {
            case K3S -> K3sCluster.start(settings, LabSpecs.ports());
            case KUBECONFIG -> KubeconfigCluster.connect(settings.kubeconfig(), settings.nodeHost());
        };
        LabRun run = new LabRun(cluster, newRunId());
        try {
            // k3s is still starting its DNS and storage add-ons; a person's cluster should be ready already
            ClusterReadiness.requireApi(run.lab.kube(), cluster.isThrowaway() ? Duration.ofSeconds(120) : Duration.ofSeconds(5));
            // before anything is made or removed in the namespace: one run at a time there
            run.lease = RunLease.acquire(run.lab.kube(), run.runId);
            Runtime.getRuntime().addShutdownHook(new Thread(run::finish, "lab cleanup"));
            ClusterReadiness.requirePodDns(run.lab.kube());
            new LabLeftovers(run.lab.kube(), run.lab.cleanup()).preflight(allLabDocuments());
        } catch (RuntimeException e) {
            if (run.lease != null) {
                run.lease.close();
            }
            cluster.close();
            throw e;
        }
        Progress.say("cluster: " + cluster.describe() + "; this run is " + run.runId);
        return run;
    }

    /** The diagnostics folder is uploaded as this run's evidence: an earlier run's failures do not belong in it. */
    private static void forgetEarlierDiagnostics() {
        Path dir = Lab.REPORT_DIR.resolve("diagnostics");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    private static List<SpecDocument> allLabDocuments() {
        return LabSpecs.ALL.stream().flatMap(p -> SpecReader.read(p).stream()).toList();
    }

    /** The lab in its own namespace, where the lab's sections run. */
    public Lab lab() {
        return lab;
    }

    public LabCluster cluster() {
        return cluster;
    }

    public String runId() {
        return runId;
    }

    /**
     * A fact about the cluster found out once per run, the first time it is asked for (what a probe
     * showed), and the same for every later asker.
     */
    @SuppressWarnings("unchecked")
    public <T> T fact(String name, Supplier<T> findOut) {
        return (T) facts.computeIfAbsent(name, n -> new Once<>()).get(() -> findOut.get());
    }

    /** Removes everything the run made; runs once, from the end of the run or from the JVM's shutdown. */
    public void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        lab.kube().applier().stop();
        try {
            if (cluster.isThrowaway()) {
                Progress.say("stopping " + cluster.describe() + ": everything the run created goes with it");
            } else {
                Progress.say("cleaning up what the run created");
                lab.cleanup().removeEverything();
            }
        } catch (RuntimeException e) {
            Progress.say("CLEANUP FAILED: " + e.getMessage());
            throw e;
        } finally {
            if (lease != null) {
                lease.close();
            }
            Progress.writeTimings(Lab.REPORT_DIR.resolve("timings.md"));
            cluster.close();
        }
    }
}

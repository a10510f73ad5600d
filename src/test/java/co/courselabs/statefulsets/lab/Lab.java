package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.cluster.ClusterReadiness;
import co.courselabs.statefulsets.cluster.K3sCluster;
import co.courselabs.statefulsets.cluster.KubeconfigCluster;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.LabCluster;
import co.courselabs.statefulsets.k8s.Pods;
import co.courselabs.statefulsets.k8s.SpecDocument;
import co.courselabs.statefulsets.k8s.SpecReader;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.progress.Reports;
import co.courselabs.statefulsets.settings.ClusterSettings;
import co.courselabs.statefulsets.settings.LabSettings;
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
 * The lab on one cluster for one run: the cluster (started or connected once), the namespace the
 * lab uses, the sections' deployments (each made once and shared), and the cleanup at the end,
 * which also runs when the JVM is stopped (Ctrl-C, SIGTERM).
 */
public final class Lab {

    /** The lab hard-codes {@code default} in its DNS names (PRIMARY_FQDN, ADMINER_DEFAULT_SERVER). */
    public static final String NAMESPACE = "default";
    /** Reports, diagnostics and grades ({@code -Dlab.report}). */
    public static final Path REPORT_DIR = Reports.DIR;

    private final LabCluster cluster;
    private final Kube kube;
    private final LabCleanup cleanup;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Once<SimpleStatefulSet> simple = new Once<>();
    private final Once<ProductsDb> productsDb = new Once<>();
    private final Map<String, Once<Object>> facts = new ConcurrentHashMap<>();

    private final String runId;
    private RunLease lease;

    private Lab(LabCluster cluster, String runId) {
        this.cluster = cluster;
        this.runId = runId;
        this.kube = new Kube(cluster, NAMESPACE, runId);
        this.cleanup = new LabCleanup(kube);
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

    public String runId() {
        return runId;
    }

    /** Starts the run's lab: the cluster, its checks, the run's Lease, the leftovers of an ended run removed. */
    static Lab start() {
        LabSpecs.requireAll();
        ClusterSettings settings = LabSettings.get().cluster();
        Progress.say("starting: " + settings.backend().name().toLowerCase() + " backend");
        forgetEarlierDiagnostics();
        LabCluster cluster = switch (settings.backend()) {
            case K3S -> K3sCluster.start(settings, LabSpecs.ports());
            case KUBECONFIG -> KubeconfigCluster.connect(settings.kubeconfig(), settings.nodeHost());
        };
        Lab lab = new Lab(cluster, newRunId());
        try {
            // k3s is still starting its DNS and storage add-ons; a person's cluster should be ready already
            ClusterReadiness.requireApi(cluster, cluster.isThrowaway() ? Duration.ofSeconds(120) : Duration.ofSeconds(5));
            // before anything is made or removed in the namespace: one run at a time there
            lab.lease = RunLease.acquire(cluster.apiClient(), NAMESPACE, lab.runId);
            Runtime.getRuntime().addShutdownHook(new Thread(lab::finish, "lab cleanup"));
            ClusterReadiness.requirePodDns(cluster, NAMESPACE);
            new LabLeftovers(lab.kube, lab.cleanup).preflight(allLabDocuments());
        } catch (RuntimeException e) {
            if (lab.lease != null) {
                lab.lease.close();
            }
            cluster.close();
            throw e;
        }
        Progress.say("cluster: " + cluster.describe() + "; this run is " + lab.runId);
        return lab;
    }

    /** The diagnostics folder is uploaded as this run's evidence: an earlier run's failures do not belong in it. */
    private static void forgetEarlierDiagnostics() {
        Path dir = REPORT_DIR.resolve("diagnostics");
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

    public Kube kube() {
        return kube;
    }

    public LabCluster cluster() {
        return cluster;
    }

    public Pods pods() {
        return kube.pods();
    }

    public LabCleanup cleanup() {
        return cleanup;
    }

    /** Lab objects somebody else made that {@code documents} would collide with. */
    public List<String> foreignAmong(List<SpecDocument> documents) {
        return new LabLeftovers(kube, cleanup).foreignAmong(documents);
    }

    public void apply(Path spec) {
        kube.applier().apply(spec);
    }

    /** {@code specs/simple}, deployed once per run; its Pods' creation recorded. */
    public SimpleStatefulSet simpleStatefulSet() {
        return simple.get(() -> SimpleStatefulSet.deploy(kube));
    }

    /** {@code specs/products-db}, deployed once per run; its Pods' and PVCs' creation recorded. */
    public ProductsDb productsDb() {
        return productsDb.get(() -> ProductsDb.deploy(kube));
    }

    /**
     * A fact about the cluster found out once per run, the first time it is asked for (what a probe
     * showed), and the same for every later asker.
     */
    @SuppressWarnings("unchecked")
    public <T> T fact(String name, Supplier<T> findOut) {
        return (T) facts.computeIfAbsent(name, n -> new Once<>()).get(() -> findOut.get());
    }

    public boolean productsDbDeployed() {
        return productsDb.isMade();
    }

    /** Removes everything the run made; runs once, from the end of the run or from the JVM's shutdown. */
    public void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        kube.applier().stop();
        try {
            if (cluster.isThrowaway()) {
                Progress.say("stopping " + cluster.describe() + ": everything the run created goes with it");
            } else {
                Progress.say("cleaning up what the run created");
                cleanup.removeEverything();
            }
        } catch (RuntimeException e) {
            Progress.say("CLEANUP FAILED: " + e.getMessage());
            throw e;
        } finally {
            if (lease != null) {
                lease.close();
            }
            Progress.writeTimings(REPORT_DIR.resolve("timings.md"));
            cluster.close();
        }
    }
}

package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.k8s.LabCluster;
import co.courselabs.statefulsets.k8s.Pods;
import co.courselabs.statefulsets.progress.Reports;
import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.SpecDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The lab in one namespace of the run's cluster: applying its specs there, its Pods, its DNS names,
 * the sections' deployments (each made once and shared) and its cleanup. The lab's own namespace has
 * one ({@link LabRun#lab()}), and so has each graded answer's ({@link #inNamespace}).
 */
public final class Lab {

    /** Reports, diagnostics and grades ({@code -Dlab.report}). */
    public static final Path REPORT_DIR = Reports.DIR;

    private final LabRun run;
    private final Kube kube;
    private final LabCleanup cleanup;
    private final Once<SimpleStatefulSet> simple = new Once<>();
    private final Once<ProductsDb> productsDb = new Once<>();

    Lab(LabRun run, Kube kube) {
        this.run = run;
        this.kube = kube;
        this.cleanup = new LabCleanup(kube);
    }

    /**
     * The lab in another namespace of the same run (a graded answer's): what a spec places in this
     * lab's namespace, or in none, is applied there instead; its record of what it made is its own.
     */
    public Lab inNamespace(String namespace) {
        return new Lab(run, kube.inNamespace(namespace));
    }

    public String namespace() {
        return kube.namespace();
    }

    /** {@code <pod>.<service>.<namespace>.svc.cluster.local}: a Pod's name in the cluster's DNS, as the lab uses it. */
    public String podDnsName(String pod, String service) {
        return pod + "." + service + "." + namespace() + ".svc.cluster.local";
    }

    public LabRun run() {
        return run;
    }

    public Kube kube() {
        return kube;
    }

    public LabCluster cluster() {
        return run.cluster();
    }

    public String runId() {
        return run.runId();
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

    /** Applies a spec file or folder of the lab's in this namespace; returns what it applied. */
    public List<ObjectRef> apply(Path spec) {
        return kube.applier().apply(spec);
    }

    /** {@code specs/simple}, deployed once per run; its Pods' creation recorded. */
    public SimpleStatefulSet simpleStatefulSet() {
        return simple.get(() -> SimpleStatefulSet.deploy(kube));
    }

    /** {@code specs/products-db}, deployed once per run; its Pods' and PVCs' creation recorded. */
    public ProductsDb productsDb() {
        return productsDb.get(() -> ProductsDb.deploy(kube));
    }

    /** A fact about the cluster, found out once per run ({@link LabRun#fact}). */
    public <T> T fact(String name, Supplier<T> findOut) {
        return run.fact(name, findOut);
    }

    public boolean productsDbDeployed() {
        return productsDb.isMade();
    }

    /** Ends the run: everything it made removed ({@link LabRun#finish}). */
    public void finish() {
        run.finish();
    }
}

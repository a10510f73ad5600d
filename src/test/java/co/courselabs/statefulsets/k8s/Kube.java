package co.courselabs.statefulsets.k8s;

import co.courselabs.statefulsets.spec.ObjectRef;
import co.courselabs.statefulsets.spec.ResourceKind;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.StorageV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1ResourceQuota;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1StorageClass;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One namespace of one cluster, with the verbs the scenarios use. */
public final class Kube {

    private final LabCluster cluster;
    private final String namespace;
    private final ClusterObjects objects;
    private final Applier applier;
    private final CreatedObjects created = new CreatedObjects();
    private final Deleter deleter;
    private final Pods pods;
    private final CoreV1Api core;
    private final ServiceEndpoints endpoints;

    public Kube(LabCluster cluster, String namespace, String runId) {
        this(cluster, namespace, runId, namespace, new ServiceEndpoints(cluster.apiClient()));
    }

    /**
     * {@code adopted}: a namespace whose objects go into this one (a spec that names it lands here);
     * {@code endpoints}: the cluster's, shared (which API serves them is found out once).
     */
    private Kube(LabCluster cluster, String namespace, String runId, String adopted, ServiceEndpoints endpoints) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.objects = new ClusterObjects(cluster.apiClient());
        this.applier = new Applier(cluster.apiClient(), objects, namespace, adopted, runId, created);
        this.pods = new Pods(cluster.apiClient(), cluster.streamingClient(), namespace);
        this.deleter = new Deleter(objects, pods, namespace);
        this.core = new CoreV1Api(cluster.apiClient());
        this.endpoints = endpoints;
    }

    public String namespace() {
        return namespace;
    }

    /**
     * Another namespace of the same cluster and run, with a record of its own: what a spec places in
     * this one (no namespace, or this one's name) is applied there instead.
     */
    public Kube inNamespace(String other) {
        return new Kube(cluster, other, applier.runId(), namespace, endpoints);
    }

    /**
     * Creates a namespace, marked as the run's (labels and annotations given, the run's mark added),
     * and puts it on this run's record, so that it goes when the run's objects go.
     */
    public ObjectRef createNamespace(String name, Map<String, String> labels) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put(Applier.MARK, Applier.MARK_VALUE);
        annotations.put(Applier.RUN, applier.runId());
        try {
            core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(name).labels(labels)
                    .annotations(annotations))).execute();
        } catch (ApiException e) {
            throw new IllegalStateException("cannot create namespace " + name + ": " + e.getResponseBody(), e);
        }
        ObjectRef ref = new ObjectRef(ResourceKind.NAMESPACE, null, name);
        created.push(ref);
        return ref;
    }

    public LabCluster cluster() {
        return cluster;
    }

    public ApiClient client() {
        return cluster.apiClient();
    }

    /** What this run created, in order: pushed by the applier, taken by the cleanup. */
    public CreatedObjects created() {
        return created;
    }

    public Deleter deleter() {
        return deleter;
    }

    public Applier applier() {
        return applier;
    }

    public ClusterObjects objects() {
        return objects;
    }

    public Pods pods() {
        return pods;
    }

    public CoreV1Api core() {
        return core;
    }

    public Timeline<io.kubernetes.client.openapi.models.V1Pod> watchPods(String selector) {
        return Timeline.pods(cluster.apiClient(), cluster.streamingClient(), namespace, selector);
    }

    public Timeline<V1PersistentVolumeClaim> watchClaims(String selector) {
        return Timeline.claims(cluster.apiClient(), cluster.streamingClient(), namespace, selector);
    }

    /** The ready addresses of a Service, as its EndpointSlices (or, before 1.21, its Endpoints) list them. */
    public List<String> readyEndpointIps(String service) {
        return endpoints.ready(namespace, service);
    }

    /** The addresses a Service selects, Ready or not: which Pods it finds, whatever their state. */
    public List<String> selectedEndpointIps(String service) {
        return endpoints.selected(namespace, service);
    }

    /** What a Service sends traffic to: each endpoint's Pod (when it names one) and address. */
    public List<ServiceEndpoints.Target> endpointTargets(String service) {
        return endpoints.targets(namespace, service);
    }

    /** A read of one object through the API. */
    @FunctionalInterface
    public interface Read<T> {
        T execute() throws ApiException;
    }

    /** What {@code read} returns, or null when the API says there is no such object (404). */
    public static <T> T orNull(Read<T> read) throws ApiException {
        try {
            return read.execute();
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The Service, or null. */
    public V1Service service(String name) {
        return read("Service", name, () -> core.readNamespacedService(name, namespace).execute());
    }

    /** The PVC, or null. */
    public V1PersistentVolumeClaim claim(String name) {
        return read("PVC", name, () -> core.readNamespacedPersistentVolumeClaim(name, namespace).execute());
    }

    /** The ConfigMap, or null. */
    public V1ConfigMap configMap(String name) {
        return read("ConfigMap", name, () -> core.readNamespacedConfigMap(name, namespace).execute());
    }

    /** The ResourceQuota, or null. */
    public V1ResourceQuota quota(String name) {
        return read("ResourceQuota", name, () -> core.readNamespacedResourceQuota(name, namespace).execute());
    }

    private static <T> T read(String kind, String name, Read<T> read) {
        try {
            return orNull(read);
        } catch (ApiException e) {
            throw new IllegalStateException("cannot read " + kind + " " + name + ": " + e.getResponseBody(), e);
        }
    }

    /** The cluster's nodes. */
    public List<V1Node> nodes() throws ApiException {
        return core.listNode().execute().getItems();
    }

    /** The cluster's StorageClasses. */
    public List<V1StorageClass> storageClasses() throws ApiException {
        return new StorageV1Api(client()).listStorageClass().execute().getItems();
    }

    /** The namespace's StatefulSets. */
    public List<V1StatefulSet> statefulSets() throws ApiException {
        return new AppsV1Api(client()).listNamespacedStatefulSet(namespace).execute().getItems();
    }

    /** The namespace's PVCs. */
    public List<V1PersistentVolumeClaim> claims() throws ApiException {
        return core.listNamespacedPersistentVolumeClaim(namespace).execute().getItems();
    }

    /** The namespace's Services. */
    public List<V1Service> services() throws ApiException {
        return core.listNamespacedService(namespace).execute().getItems();
    }

    /** Creates the Service; the API's refusal is the caller's to read. */
    public V1Service createService(V1Service service) throws ApiException {
        return core.createNamespacedService(namespace, service).execute();
    }

    /** The Lease, or null. */
    public V1Lease lease(String name) throws ApiException {
        return orNull(() -> leases().readNamespacedLease(name, namespace).execute());
    }

    /** Creates the Lease; the API answers 409 when another made it first. */
    public void createLease(V1Lease lease) throws ApiException {
        leases().createNamespacedLease(namespace, lease).execute();
    }

    /** Replaces the Lease at the version it was read at; 409 when another changed it since. */
    public void replaceLease(V1Lease lease) throws ApiException {
        leases().replaceNamespacedLease(lease.getMetadata().getName(), namespace, lease).execute();
    }

    public void deleteLease(String name) throws ApiException {
        leases().deleteNamespacedLease(name, namespace).execute();
    }

    private CoordinationV1Api leases() {
        return new CoordinationV1Api(client());
    }

    /** The events of the namespace. */
    public Events events() {
        return Events.in(core, namespace);
    }

    /** {@code http://host:port} of a NodePort, reachable from the machine running the tests. */
    public String nodePortUrl(int nodePort) {
        return cluster.nodePortUrl(nodePort);
    }
}

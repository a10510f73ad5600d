package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.cluster.ClusterUnavailable;
import co.courselabs.statefulsets.k8s.Applier;
import co.courselabs.statefulsets.k8s.Kube;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.progress.Waits;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The run's claim on the lab's namespace: a {@code coordination.k8s.io/v1} Lease, renewed while the
 * run lives. Two runs on one cluster would delete each other's objects as "leftovers"; with the
 * Lease, the second refuses in its first seconds, naming the first. A Lease nobody renews any more
 * is a run killed hard: it is taken over once it expires, and that run's objects are leftovers.
 */
public final class RunLease implements AutoCloseable {

    static final String NAME = "statefulsets-lab-tests";
    static final int DURATION_SECONDS = 20;
    static final Duration RENEW_EVERY = Duration.ofSeconds(5);

    private final Kube kube;
    private final String namespace;
    private final String runId;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lease renewal");
        thread.setDaemon(true);
        return thread;
    });

    private RunLease(Kube kube, String runId) {
        this.kube = kube;
        this.namespace = kube.namespace();
        this.runId = runId;
    }

    /**
     * Takes the namespace's Lease for this run: when it is free, or once the run holding it stops
     * renewing it and it expires. Refuses, naming the holder, when that run is alive.
     */
    public static RunLease acquire(Kube kube, String runId) {
        RunLease lease = new RunLease(kube, runId);
        lease.take();
        lease.renewer.scheduleWithFixedDelay(lease::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return lease;
    }

    private void take() {
        V1Lease[] first = {null};
        String[] refused = {null};
        try {
            waitToHold(first, refused);
        } catch (AssertionError e) {
            throw new ClusterUnavailable(refused[0] != null ? refused[0]
                    : "The lab's Lease " + NAME + " in namespace " + namespace + " could not be taken: " + e.getMessage());
        }
    }

    private void waitToHold(V1Lease[] first, String[] refused) {
        Waits.forValue("the lab's Lease in namespace " + namespace + " free or expired",
                Duration.ofSeconds(DURATION_SECONDS + 10),
                () -> {
                    V1Lease found = read();
                    if (found == null || isExpired(found, now()) || runId.equals(holder(found))) {
                        return tryToHold(found);
                    }
                    if (first[0] == null) {
                        first[0] = found;
                        Progress.say("the lab's Lease is held by " + describe(found) + "; waiting to see if it is renewed");
                    }
                    return false;
                },
                held -> held,
                () -> {
                    V1Lease now = read();
                    if (first[0] != null && now != null && isRenewedSince(first[0], now)) {
                        refused[0] = refusal(now);
                        throw new AssertionError(refused[0]);
                    }
                });
    }

    /** Creates or takes over the Lease; false when another run did so first (the API refused our version). */
    private boolean tryToHold(V1Lease found) throws ApiException {
        OffsetDateTime now = now();
        V1LeaseSpec spec = new V1LeaseSpec().holderIdentity(runId).leaseDurationSeconds(DURATION_SECONDS)
                .acquireTime(now).renewTime(now);
        try {
            if (found == null) {
                kube.createLease(new V1Lease().metadata(new V1ObjectMeta().name(NAME)
                        .annotations(Map.of(Applier.MARK, Applier.MARK_VALUE))).spec(spec));
            } else if (!runId.equals(holder(found))) {
                Progress.say("taking over the lab's Lease from " + describe(found) + ", which expired");
                found.setSpec(spec.leaseTransitions(Objects.requireNonNullElse(found.getSpec().getLeaseTransitions(), 0)
                        + 1));
                kube.replaceLease(found);
            }
            return true;
        } catch (ApiException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private void renew() {
        try {
            V1Lease lease = read();
            if (lease == null || !runId.equals(holder(lease))) {
                Progress.say("LEASE LOST: the lab's Lease is now " + (lease == null ? "gone" : "held by "
                        + describe(lease)) + "; another run may remove this run's objects");
                renewer.shutdown();
                return;
            }
            lease.getSpec().setRenewTime(now());
            kube.replaceLease(lease);
        } catch (ApiException | RuntimeException e) {
            // the next renewal tries again; the Lease lasts four renewal periods
        }
    }

    private V1Lease read() throws ApiException {
        return kube.lease(NAME);
    }

    /** Gives the Lease back, if this run still holds it. */
    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            V1Lease lease = read();
            if (lease != null && runId.equals(holder(lease))) {
                kube.deleteLease(NAME);
            }
        } catch (ApiException | RuntimeException e) {
            // it expires on its own within its duration
        }
    }

    static boolean isExpired(V1Lease lease, OffsetDateTime now) {
        V1LeaseSpec spec = lease.getSpec();
        if (spec == null || spec.getRenewTime() == null || spec.getLeaseDurationSeconds() == null) {
            return true;
        }
        return !spec.getRenewTime().plusSeconds(spec.getLeaseDurationSeconds()).isAfter(now);
    }

    static boolean isRenewedSince(V1Lease before, V1Lease now) {
        return Objects.equals(holder(before), holder(now)) && now.getSpec().getRenewTime() != null
                && !Objects.equals(before.getSpec().getRenewTime(), now.getSpec().getRenewTime());
    }

    static String refusal(V1Lease lease) {
        return "Another run of this suite is using the lab's namespace on this cluster: " + describe(lease)
                + ". It renews its Lease " + NAME + " while it runs; it would remove this run's objects, and this run"
                + " its. Wait for it to finish, or run against another cluster.";
    }

    private static String describe(V1Lease lease) {
        V1LeaseSpec spec = lease.getSpec();
        OffsetDateTime renewed = spec == null ? null : spec.getRenewTime();
        return holder(lease) + " (started " + (spec == null ? "?" : spec.getAcquireTime()) + ", its Lease runs to "
                + (renewed == null || spec.getLeaseDurationSeconds() == null ? "?"
                        : renewed.plusSeconds(spec.getLeaseDurationSeconds())) + ")";
    }

    private static String holder(V1Lease lease) {
        return lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static OffsetDateTime now() {
        // a Lease's times are MicroTime: the API reads six decimals at most
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}

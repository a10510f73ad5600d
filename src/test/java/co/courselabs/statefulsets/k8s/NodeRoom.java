package co.courselabs.statefulsets.k8s;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether the nodes had room while something ran, as the cluster says: a node under pressure (its
 * disk, memory or process table short), a Pod evicted for the node's sake, or the scheduler finding
 * no room left. All of it is the machine's state, which whatever else runs there decides (other
 * answers graded at the same time, other people's work), not the spec of the one being looked at.
 */
public final class NodeRoom {

    static final Set<String> PRESSURES = Set.of("DiskPressure", "MemoryPressure", "PIDPressure");
    /** The scheduler's words when the nodes are full, not when the Pod could never go anywhere. */
    private static final Pattern FULL = Pattern.compile("Insufficient (cpu|memory|ephemeral-storage|pods)|Too many pods");
    /** The kubelet's words when it evicts a Pod for the node's sake, not for the Pod's own limit. */
    private static final Pattern FOR_THE_NODE = Pattern.compile("The node was low on resource|The node had condition");

    private NodeRoom() {
    }

    /** The scheduler placed no Pod because the nodes are full (of requests), whoever filled them. */
    public static boolean isFull(String schedulerMessage) {
        return schedulerMessage != null && FULL.matcher(schedulerMessage).find();
    }

    /**
     * What the nodes went through since {@code since}: a pressure condition true now or changed since
     * then (it was true in between), a Pod evicted for the node, a node reclaiming room. Empty when
     * nothing; a sentence when something, also when the cluster would not say (a shared cluster's
     * rules may hide events of other namespaces: then only the nodes' conditions are read).
     */
    public static Optional<String> pressureSince(ApiClient client, Instant since) {
        CoreV1Api core = new CoreV1Api(client);
        List<String> seen = new ArrayList<>();
        try {
            for (V1Node node : core.listNode().execute().getItems()) {
                seen.addAll(pressures(node, since));
            }
        } catch (ApiException e) {
            return Optional.empty(); // nodes the grader may not read are not known to be short
        }
        for (String reason : List.of("Evicted", "EvictionThresholdMet", "TaintManagerEviction")) {
            try {
                Events.everywhere(core).withReason(reason).stream()
                        .filter(e -> !Events.time(e).toInstant().isBefore(since))
                        .filter(e -> !reason.equals("Evicted") || FOR_THE_NODE.matcher(String.valueOf(e.getMessage())).find())
                        .map(NodeRoom::said).forEach(seen::add);
            } catch (ApiException e) {
                // events of the whole cluster are not ours to read here: the conditions above stand alone
            }
        }
        return seen.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", seen.stream().distinct().limit(5).toList()));
    }

    /**
     * The fewest processes a Pod may hold on any node, as the kubelets' own configuration says
     * ({@code podPidsLimit}, read through the API server's node proxy): -1 when a kubelet sets none,
     * null when it cannot be read (the grader may not use the node proxy on a shared cluster).
     */
    public static Integer podPidsLimit(ApiClient client) {
        Integer fewest = null;
        ServiceProxy proxy = new ServiceProxy(client);
        try {
            for (V1Node node : new CoreV1Api(client).listNode().execute().getItems()) {
                ServiceProxy.Page page = proxy.get("/api/v1/nodes/" + node.getMetadata().getName() + "/proxy/configz");
                if (page.status() != 200) {
                    return null;
                }
                var config = com.google.gson.JsonParser.parseString(page.body()).getAsJsonObject()
                        .getAsJsonObject("kubeletconfig");
                int limit = config != null && config.has("podPidsLimit") ? config.get("podPidsLimit").getAsInt() : -1;
                limit = limit <= 0 ? -1 : limit;
                fewest = fewest == null || fewest == -1 || limit != -1 && limit < fewest ? limit : fewest;
            }
        } catch (ApiException | java.io.IOException | RuntimeException e) {
            return null;
        }
        return fewest;
    }

    static List<String> pressures(V1Node node, Instant since) {
        List<String> seen = new ArrayList<>();
        for (V1NodeCondition condition : node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.<V1NodeCondition>of() : node.getStatus().getConditions()) {
            if (!PRESSURES.contains(condition.getType())) {
                continue;
            }
            OffsetDateTime changed = condition.getLastTransitionTime();
            boolean now = "True".equals(condition.getStatus());
            if (now || changed != null && !changed.toInstant().isBefore(since)) {
                seen.add("node " + node.getMetadata().getName() + " " + (now ? "under " + condition.getType()
                        : "under " + condition.getType() + " until " + changed.toInstant().truncatedTo(ChronoUnit.SECONDS))
                        + (condition.getMessage() == null ? "" : " (" + condition.getMessage() + ")"));
            }
        }
        return seen;
    }

    private static String said(CoreV1Event event) {
        return event.getReason() + " " + event.getInvolvedObject().getKind() + "/" + event.getInvolvedObject().getName()
                + ": " + String.valueOf(event.getMessage()).strip();
    }
}

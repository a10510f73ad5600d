package co.courselabs.statefulsets.k8s;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * The cluster's events, read here and nowhere else (core/v1, which every supported version serves and
 * which events.k8s.io mirrors): those of one namespace or of the whole cluster, and what they say
 * (when an event last happened, whichever field the cluster filled; how often; a line as describe shows it).
 */
public final class Events {

    private final CoreV1Api core;
    /** Null: every namespace. */
    private final String namespace;

    private Events(CoreV1Api core, String namespace) {
        this.core = core;
        this.namespace = namespace;
    }

    /** The events of one namespace. */
    public static Events in(CoreV1Api core, String namespace) {
        return new Events(core, namespace);
    }

    /** The events of every namespace (what the grader may not be allowed to read on a shared cluster). */
    public static Events everywhere(CoreV1Api core) {
        return new Events(core, null);
    }

    /** Every event, as the cluster lists them. */
    public List<CoreV1Event> all() throws ApiException {
        return list(null);
    }

    /** The warnings, oldest first. */
    public List<CoreV1Event> warnings() throws ApiException {
        return oldestFirst(list("type=Warning"));
    }

    /** The events of one reason, as the cluster lists them. */
    public List<CoreV1Event> withReason(String reason) throws ApiException {
        return list("reason=" + reason);
    }

    /** Events about one object (by UID: an older object of the same name does not count), oldest first; none when unreadable. */
    public List<CoreV1Event> about(String uid) {
        return aboutOrNone("involvedObject.uid=" + uid);
    }

    /** Warnings about one object (by UID), oldest first; none when unreadable. */
    public List<CoreV1Event> warningsAbout(String uid) {
        return aboutOrNone("involvedObject.uid=" + uid + ",type=Warning");
    }

    private List<CoreV1Event> aboutOrNone(String fieldSelector) {
        try {
            return oldestFirst(list(fieldSelector));
        } catch (ApiException e) {
            return List.of(); // what the events would add to a message is not worth failing it
        }
    }

    private List<CoreV1Event> list(String fieldSelector) throws ApiException {
        return namespace == null ? core.listEventForAllNamespaces().fieldSelector(fieldSelector).execute().getItems()
                : core.listNamespacedEvent(namespace).fieldSelector(fieldSelector).execute().getItems();
    }

    private static List<CoreV1Event> oldestFirst(List<CoreV1Event> events) {
        return events.stream().sorted(Comparator.comparing(Events::time)).toList();
    }

    public static OffsetDateTime time(CoreV1Event event) {
        if (event.getLastTimestamp() != null) {
            return event.getLastTimestamp();
        }
        if (event.getEventTime() != null) {
            return event.getEventTime();
        }
        if (event.getFirstTimestamp() != null) {
            return event.getFirstTimestamp();
        }
        return event.getMetadata().getCreationTimestamp() != null
                ? event.getMetadata().getCreationTimestamp() : OffsetDateTime.MIN;
    }

    /** How often the event happened (an event the cluster did not aggregate happened once). */
    public static int count(CoreV1Event event) {
        return event.getCount() == null ? 1 : event.getCount();
    }

    /** {@code Warning FailedMount: MountVolume.SetUp failed ...}, as describe shows it. */
    public static String line(CoreV1Event event) {
        String count = event.getCount() != null && event.getCount() > 1 ? " (x" + event.getCount() + ")" : "";
        return time(event) + " " + event.getType() + " " + event.getReason() + " "
                + event.getInvolvedObject().getKind() + "/" + event.getInvolvedObject().getName() + ": "
                + String.valueOf(event.getMessage()).strip() + count;
    }
}

package co.courselabs.statefulsets.k8s;

import io.kubernetes.client.openapi.models.CoreV1Event;
import java.time.OffsetDateTime;

/** Event helpers: the time an event last happened, whichever field the cluster filled. */
public final class Events {

    private Events() {
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

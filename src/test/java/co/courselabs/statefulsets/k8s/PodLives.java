package co.courselabs.statefulsets.k8s;

import co.courselabs.statefulsets.progress.PodChart;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a watch of Pods as lives for {@link PodChart}: one per UID, because a StatefulSet's
 * replacement Pod takes the old one's name.
 */
public final class PodLives {

    private PodLives() {
    }

    /** The lives of the Pods whose names {@code include} accepts, in the order the watch first saw them. */
    public static List<PodChart.Life> of(List<Timeline.Entry<V1Pod>> changes, Predicate<String> include) {
        Map<String, List<Timeline.Entry<V1Pod>>> byUid = new LinkedHashMap<>();
        for (Timeline.Entry<V1Pod> change : changes) {
            if (include.test(change.name())) {
                byUid.computeIfAbsent(PodStates.uid(change.object()), uid -> new ArrayList<>()).add(change);
            }
        }
        Map<String, Integer> livesPerName = new LinkedHashMap<>();
        byUid.values().forEach(life -> livesPerName.merge(life.get(0).name(), 1, Integer::sum));
        Map<String, Integer> seenPerName = new LinkedHashMap<>();
        List<PodChart.Life> lives = new ArrayList<>();
        for (List<Timeline.Entry<V1Pod>> life : byUid.values()) {
            String name = life.get(0).name();
            int number = seenPerName.merge(name, 1, Integer::sum);
            lives.add(life(label(name, number, livesPerName.get(name)), life));
        }
        return lives;
    }

    /** {@code products-db-1 (old)} and {@code products-db-1 (new)} when the name had two Pods. */
    private static String label(String name, int number, int lives) {
        if (lives == 1) {
            return name;
        }
        return name + (number == 1 ? " (old)" : lives == 2 ? " (new)" : " (new " + (number - 1) + ")");
    }

    private static PodChart.Life life(String label, List<Timeline.Entry<V1Pod>> changes) {
        Timeline.Entry<V1Pod> first = changes.get(0);
        return new PodChart.Life(label, first.seen(), "ADDED".equals(first.type()),
                firstSeen(changes, PodStates::isRunning),
                firstSeen(changes, PodStates::isRunningAndReady),
                firstSeen(changes, p -> p.getMetadata().getDeletionTimestamp() != null),
                changes.stream().filter(c -> "DELETED".equals(c.type())).map(Timeline.Entry::seen).findFirst()
                        .orElse(null));
    }

    private static java.time.Instant firstSeen(List<Timeline.Entry<V1Pod>> changes, Predicate<V1Pod> holds) {
        return changes.stream().filter(c -> holds.test(c.object())).map(Timeline.Entry::seen).findFirst().orElse(null);
    }
}

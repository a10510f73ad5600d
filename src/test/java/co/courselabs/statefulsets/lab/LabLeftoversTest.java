package co.courselabs.statefulsets.lab;

import static co.courselabs.statefulsets.lab.LabLeftovers.Owner.ENDED_RUN;
import static co.courselabs.statefulsets.lab.LabLeftovers.Owner.LIVE_RUN;
import static co.courselabs.statefulsets.lab.LabLeftovers.Owner.PERSON;
import static co.courselabs.statefulsets.lab.LabLeftovers.Owner.TERMINATING;
import static co.courselabs.statefulsets.lab.LabLeftovers.Owner.THIS_RUN;
import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.k8s.Applier;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What preflight decides about what it finds in the lab's namespace: it decides what is deleted on someone's cluster. */
class LabLeftoversTest {

    private static final String ME = "ada@laptop-4242-a1b2";
    private static final String OTHER = "bob@ci-17-c3d4";

    private static Map<String, String> madeBy(String run) {
        return Map.of(Applier.MARK, Applier.MARK_VALUE, Applier.RUN, run);
    }

    private static LabLeftovers.Owner classify(Map<String, String> annotations, boolean terminating, boolean orphan,
            Set<String> live) {
        return LabLeftovers.classify(annotations, terminating, orphan, ME, live);
    }

    @Test
    @DisplayName("this run's objects are its own; an ended run's are leftovers; a live run's are never touched")
    void runs() {
        assertThat(classify(madeBy(ME), false, false, Set.of())).isEqualTo(THIS_RUN);
        assertThat(classify(madeBy(OTHER), false, false, Set.of())).isEqualTo(ENDED_RUN);
        assertThat(classify(madeBy(OTHER), false, false, Set.of(OTHER))).isEqualTo(LIVE_RUN);
        assertThat(classify(madeBy(OTHER), true, false, Set.of())).as("a terminating leftover is still a leftover")
                .isEqualTo(ENDED_RUN);
    }

    @Test
    @DisplayName("an object marked by a suite that did not yet name its run is an ended run's leftover")
    void markedWithoutRun() {
        assertThat(classify(Map.of(Applier.MARK, Applier.MARK_VALUE), false, false, Set.of(OTHER))).isEqualTo(ENDED_RUN);
    }

    @Test
    @DisplayName("a person's objects are never deleted: waited for when terminating, else named; an orphaned lab Pod is"
            + " a killed run's")
    void people() {
        assertThat(classify(Map.of("owner", "ada"), false, false, Set.of())).isEqualTo(PERSON);
        assertThat(classify(null, false, false, Set.of())).isEqualTo(PERSON);
        assertThat(classify(Map.of(), true, false, Set.of())).isEqualTo(TERMINATING);
        assertThat(classify(Map.of(), false, true, Set.of())).isEqualTo(ENDED_RUN);
        assertThat(classify(Map.of(Applier.MARK, "someone-else"), false, false, Set.of())).isEqualTo(PERSON);
    }
}

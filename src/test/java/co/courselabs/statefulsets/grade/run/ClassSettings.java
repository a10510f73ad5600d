package co.courselabs.statefulsets.grade.run;

import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.settings.LabSettings;
import java.nio.file.Path;

/**
 * A class run's switches, read once: {@code -Dlab.solutions=DIR} (the answers, one sub-folder each)
 * and {@code -Dlab.parallel=N} (how many are graded at once on the cluster).
 */
record ClassSettings(Path answers, int parallel) {

    /**
     * Measured on the 2-core lab cluster with a class of 21 (bench/class, README "How many at once"):
     * one at a time 193 s, four 91 s, every row the same; six were no faster than four. Past four,
     * the node (its two cores, and the 1.20 kubelet's 5 requests a second) is the limit, and more at
     * once only add memory and longer waits; four is the fewest at the fastest.
     */
    static final int DEFAULT_PARALLEL = 4;

    static ClassSettings fromSystem() {
        return new ClassSettings(LabSpecs.solutionsToGrade(), parallel(LabSettings.get().parallel()));
    }

    static int parallel(String given) {
        if (given == null || given.isBlank()) {
            return DEFAULT_PARALLEL;
        }
        try {
            int parallel = Integer.parseInt(given.strip());
            if (parallel >= 1 && parallel <= 32) {
                return parallel;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("-Dlab.parallel=" + given + " is not a number of answers to grade at once"
                + " (1 to 32)");
    }
}

package co.courselabs.statefulsets.grade.report;

import co.courselabs.statefulsets.grade.Phase;
import com.google.gson.JsonObject;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a class's grading time went, by phase ({@link Phase}), from each answer's grade.json: what a
 * teacher reads to know why a class took as long as it did, and what we read to know what to cut.
 */
final class ClassTime {

    private ClassTime() {
    }

    /** An answer's phases, from its grade.json's {@code phasesSeconds} (empty for grades made before they were). */
    static Map<String, Double> phases(JsonObject gradeJson) {
        Map<String, Double> phases = new LinkedHashMap<>();
        if (gradeJson.has("phasesSeconds") && gradeJson.get("phasesSeconds").isJsonObject()) {
            gradeJson.getAsJsonObject("phasesSeconds").entrySet().forEach(e -> phases.put(e.getKey(),
                    e.getValue().getAsDouble()));
        }
        return phases;
    }

    /** The phases of the class summed, as a Markdown section; empty when no answer recorded its phases. */
    static String section(List<Map<String, Double>> answersPhases) {
        Map<Phase, Double> sums = new EnumMap<>(Phase.class);
        Map<Phase, Integer> answers = new EnumMap<>(Phase.class);
        for (Map<String, Double> phases : answersPhases) {
            phases.forEach((id, seconds) -> Phase.of(id).ifPresent(phase -> {
                sums.merge(phase, seconds, Double::sum);
                answers.merge(phase, 1, Integer::sum);
            }));
        }
        double total = sums.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return "";
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "\n## Where the time went\n\nThe answers'"
                + " gradings took %.0f s in all (answers graded at once each count their own):\n\n| Phase | In all |"
                + " Share | Answers | Mean per answer |\n|---|---:|---:|---:|---:|\n", total));
        sums.forEach((phase, seconds) -> md.append(String.format(Locale.ROOT, "| %s | %.1fs | %.0f%% | %d | %.1fs |%n",
                phase.label(), seconds, 100 * seconds / total, answers.get(phase), seconds / answers.get(phase))));
        return md.toString();
    }

    /** {@code " (its slowest: the stability hold, 45.0s)"}, or nothing when the answer recorded no phases. */
    static String slowestPhase(Map<String, Double> phases) {
        return phases.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> String.format(Locale.ROOT, " (its slowest: %s, %.1fs)",
                        Phase.of(e.getKey()).map(Phase::label).orElse(e.getKey()), e.getValue()))
                .orElse("");
    }
}

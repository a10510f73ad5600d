package co.courselabs.statefulsets.grade.report;

import co.courselabs.statefulsets.grade.Rubric;
import co.courselabs.statefulsets.grade.RubricInvalid;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The class report adds up one rubric's points: grades made with another are named, not merged. */
final class ClassRubric {

    private ClassRubric() {
    }

    /** Which rubric made a grade.json: its name and the start of its SHA-256 (a grade from before rubrics: the default). */
    static String of(JsonObject gradeJson) {
        if (!gradeJson.has("rubric") || !gradeJson.get("rubric").isJsonObject()) {
            return label(Rubric.standard());
        }
        JsonObject rubric = gradeJson.getAsJsonObject("rubric");
        return label(text(rubric, "name"), text(rubric, "sha256"));
    }

    /** Refuses the merge when a row's grade was made with another rubric than the run's, naming each. */
    static void requireOne(Path dir, List<ClassReport.Row> rows) {
        String ours = label(Rubric.inForce());
        Map<String, List<String>> others = new TreeMap<>();
        rows.stream().filter(row -> row.rubric() != null && !row.rubric().equals(ours))
                .forEach(row -> others.computeIfAbsent(row.rubric(), k -> new ArrayList<>()).add(row.name()));
        if (!others.isEmpty()) {
            throw new RubricInvalid("The grades in " + dir + " were not all made with this run's rubric, " + ours
                    + ": " + String.join("; ", others.entrySet().stream()
                            .map(e -> e.getKey() + " made " + String.join(", ", e.getValue().stream().limit(5).toList())
                                    + (e.getValue().size() > 5 ? " and " + (e.getValue().size() - 5) + " more" : ""))
                            .toList()) + ". Merge them with the rubric they were made with (-Dlab.rubric), or grade"
                    + " them again with one rubric.");
        }
    }

    private static String text(JsonObject json, String field) {
        return json.has(field) && !json.get(field).isJsonNull() ? json.get(field).getAsString() : "?";
    }

    private static String label(Rubric rubric) {
        return label(rubric.name(), rubric.sha256());
    }

    private static String label(String name, String sha256) {
        return name + " (SHA-256 " + sha256.substring(0, Math.min(12, sha256.length())) + ")";
    }
}

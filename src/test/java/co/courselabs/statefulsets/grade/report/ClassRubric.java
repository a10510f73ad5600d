package co.courselabs.statefulsets.grade.report;

import co.courselabs.statefulsets.grade.Rubric;
import co.courselabs.statefulsets.grade.RubricInvalid;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The class report adds up one rubric's points: grades made with another are named, not merged. */
final class ClassRubric {

    private ClassRubric() {
    }

    /** Refuses the merge when a {@code grade.json} among {@code answers} was made with another rubric than the run's. */
    static void requireOne(Path dir, List<Path> answers) {
        Rubric ours = Rubric.inForce();
        Map<String, List<String>> others = new TreeMap<>();
        for (Path answer : answers) {
            rubricOf(answer.resolve("grade.json")).filter(made -> !made.equals(label(ours.name(), ours.sha256())))
                    .ifPresent(made -> others.computeIfAbsent(made, k -> new ArrayList<>())
                            .add(answer.getFileName().toString()));
        }
        if (!others.isEmpty()) {
            throw new RubricInvalid("The grades in " + dir + " were not all made with this run's rubric, "
                    + label(ours.name(), ours.sha256()) + ": " + String.join("; ", others.entrySet().stream()
                            .map(e -> e.getKey() + " made " + String.join(", ", e.getValue().stream().limit(5).toList())
                                    + (e.getValue().size() > 5 ? " and " + (e.getValue().size() - 5) + " more" : ""))
                            .toList()) + ". Merge them with the rubric they were made with (-Dlab.rubric), or grade"
                    + " them again with one rubric.");
        }
    }

    /** Which rubric made a grade.json: its name and the start of its SHA-256 (a grade from before rubrics: the default). */
    private static Optional<String> rubricOf(Path gradeJson) {
        if (!Files.isRegularFile(gradeJson)) {
            return Optional.empty();
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(gradeJson)).getAsJsonObject();
            if (!json.has("rubric") || !json.get("rubric").isJsonObject()) {
                return Optional.of(label(Rubric.standard().name(), Rubric.standard().sha256()));
            }
            JsonObject rubric = json.getAsJsonObject("rubric");
            return Optional.of(label(text(rubric, "name"), text(rubric, "sha256")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // its row says it is unreadable
        }
    }

    private static String text(JsonObject json, String field) {
        return json.has(field) && !json.get(field).isJsonNull() ? json.get(field).getAsString() : "?";
    }

    private static String label(String name, String sha256) {
        return name + " (SHA-256 " + sha256.substring(0, Math.min(12, sha256.length())) + ")";
    }
}

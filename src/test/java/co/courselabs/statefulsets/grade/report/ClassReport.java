package co.courselabs.statefulsets.grade.report;

import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.Rubric;
import co.courselabs.statefulsets.progress.Escape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A class's grades in one place, for the teacher: {@code class.csv} (a row per answer: name, status,
 * score, each criterion) and {@code class.md} (the table, each criterion's pass rate, Mermaid charts
 * of the scores and of what the class missed most, the slowest answers, and the throughput). Made
 * from each answer's {@code grade.json}, whether one run graded them all or one job each did.
 */
public final class ClassReport {

    /** One answer's grade, as its grade.json says it; {@code rubric}: the rubric that made it, null without one. */
    public record Row(String name, String status, boolean answerPassed, int score, int maxScore,
            Map<String, Integer> scores, Map<String, Boolean> passed, Double seconds, String error,
            Map<String, Double> phases, String rubric) {

        public Row(String name, String status, boolean answerPassed, int score, int maxScore,
                Map<String, Integer> scores, Map<String, Boolean> passed, Double seconds, String error) {
            this(name, status, answerPassed, score, maxScore, scores, passed, seconds, error, Map.of(), null);
        }

        /** Not graded: the grader could not run ({@code error}), or a person must look first ({@code review}). */
        boolean isError() {
            return "error".equals(status) || REVIEW.equals(status);
        }
    }

    /** The status of an answer a person must look at before it is graded, and the file that says why. */
    static final String REVIEW = "review";
    static final String REVIEW_FILE = "review.txt";
    /** Beside a missing grade.json: why that answer was not graded (its slice's job ended first). */
    static final String ERROR_FILE = "error.txt";
    /** Beside a missing grade.json: why the class's fetch refused that answer before any grading (a file, too big). */
    static final String REFUSED_FILE = "refused.txt";

    private ClassReport() {
    }

    /**
     * The row of {@code grade.json}; an answer without one is an error row, saying so, unless a
     * {@value #REVIEW_FILE} beside it says why a person must review it (the class listing could not
     * tell which commit was in time).
     */
    public static Row row(String name, Path gradeJson) {
        Path review = gradeJson.resolveSibling(REVIEW_FILE);
        if (!Files.isRegularFile(gradeJson) && Files.isRegularFile(review)) {
            try {
                return new Row(name, REVIEW, false, 0, Rubric.inForce().total(), Map.of(), Map.of(), null,
                        "needs review: " + Files.readString(review).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + review, e);
            }
        }
        Path refused = gradeJson.resolveSibling(REFUSED_FILE);
        if (!Files.isRegularFile(gradeJson) && Files.isRegularFile(refused)) {
            try {
                return new Row(name, Grade.Status.REFUSED.id(), false, 0, Rubric.inForce().total(), Map.of(), Map.of(), null,
                        "refused: " + Files.readString(refused).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + refused, e);
            }
        }
        Path error = gradeJson.resolveSibling(ERROR_FILE);
        if (!Files.isRegularFile(gradeJson)) {
            String why = "no grade.json: the grading of this answer did not finish";
            try {
                why = Files.isRegularFile(error) ? "not graded: " + Files.readString(error).strip() : why;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + error, e);
            }
            return new Row(name, "error", false, 0, Rubric.inForce().total(), Map.of(), Map.of(), null, why);
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(gradeJson)).getAsJsonObject();
            Map<String, Integer> scores = new LinkedHashMap<>();
            Map<String, Boolean> passed = new LinkedHashMap<>();
            if (json.has("criteria")) {
                for (JsonElement item : json.getAsJsonArray("criteria")) {
                    JsonObject criterion = item.getAsJsonObject();
                    String id = criterion.get("id").getAsString();
                    scores.put(id, criterion.has("score") ? criterion.get("score").getAsInt() : 0);
                    passed.put(id, criterion.get("passed").isJsonNull() ? null : criterion.get("passed").getAsBoolean());
                }
            }
            String status = text(json, "status", "graded");
            return new Row(name, status, json.has("passed") && json.get("passed").getAsBoolean(),
                    json.get("score").getAsInt(),
                    json.get("maxScore").getAsInt(), scores, passed,
                    json.has("durationSeconds") && !json.get("durationSeconds").isJsonNull()
                            ? json.get("durationSeconds").getAsDouble() : null,
                    status.equals("refused") ? refusal(json) : text(json, "error", null), ClassTime.phases(json),
                    ClassRubric.of(json));
        } catch (IOException | RuntimeException e) {
            return new Row(name, "error", false, 0, Rubric.inForce().total(), Map.of(), Map.of(), null,
                    "grade.json unreadable: " + e.getMessage());
        }
    }

    /** Why the safety gate refused an answer: its first reason, and how many more there are. */
    private static String refusal(JsonObject json) {
        for (JsonElement item : json.getAsJsonArray("criteria")) {
            JsonObject criterion = item.getAsJsonObject();
            if (Criterion.SAFE.id().equals(criterion.get("id").getAsString()) && criterion.has("message")) {
                List<String> reasons = criterion.get("message").getAsString().lines().toList();
                return "refused: " + reasons.get(0) + (reasons.size() > 1 ? " (and " + (reasons.size() - 1) + " more)" : "");
            }
        }
        return "refused by the safety gate";
    }

    /**
     * Every {@code <name>/grade.json} under {@code dir}, by name. Grades made with another rubric than
     * this run's are not merged: their points would not add up (the message names each rubric).
     */
    public static List<Row> rows(Path dir) {
        List<Path> answers;
        try (Stream<Path> listed = Files.list(dir)) {
            answers = listed.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the grades in " + dir, e);
        }
        List<Row> rows = answers.stream().map(answer -> row(answer.getFileName().toString(),
                answer.resolve("grade.json"))).toList();
        ClassRubric.requireOne(dir, rows);
        return rows;
    }

    /** Writes class.csv and class.md into {@code dir}; {@code wallSeconds} is the run's time, null when unknown. */
    public static void write(List<Row> rows, Path dir, Double wallSeconds) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("class.csv"), csv(rows));
            Files.writeString(dir.resolve("class.md"), markdown(rows, wallSeconds));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the class report to " + dir, e);
        }
    }

    static String csv(List<Row> rows) {
        StringBuilder csv = new StringBuilder("name,status,passed,score,max_score");
        Rubric rubric = Rubric.inForce();
        rubric.criteria().forEach(c -> csv.append(',').append(heading(rubric, c)));
        csv.append(",seconds,reason\n");
        for (Row row : rows) {
            csv.append(Escape.csv(row.name())).append(',').append(Escape.csv(row.status())).append(',')
                    .append(row.isError() ? "" : row.answerPassed()).append(',')
                    .append(row.isError() ? "" : row.score()).append(',').append(row.maxScore());
            ids().forEach(id -> csv.append(',').append(row.isError() || !row.scores().containsKey(id) ? ""
                    : row.scores().get(id)));
            csv.append(',').append(row.seconds() == null ? "" : String.format(Locale.ROOT, "%.1f", row.seconds()))
                    .append(',').append(row.error() == null ? "" : Escape.csv(row.error())).append('\n');
        }
        return csv.toString();
    }

    static String markdown(List<Row> rows, Double wallSeconds) {
        List<Row> graded = rows.stream().filter(r -> !r.isError()).toList();
        StringBuilder md = new StringBuilder("# StatefulSets lab exercise: the class\n\n")
                .append(rows.size()).append(" answers: ").append(count(rows, "graded")).append(" graded, ")
                .append(count(rows, "refused")).append(" refused by the safety gate, ").append(count(rows, REVIEW))
                .append(" for a person to review, ").append(count(rows, "error"))
                .append(" not graded (the grader could not run: grade them again). ")
                .append(graded.stream().filter(r -> r.score() == r.maxScore()).count()).append(" full marks; mean ")
                .append(graded.isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f",
                        graded.stream().mapToInt(Row::score).average().orElse(0)))
                .append(" / ").append(Rubric.inForce().total()).append(".\n\n").append(throughput(rows, wallSeconds))
                .append("\n\n| Answer | Status | Passed | Score |");
        Rubric rubric = Rubric.inForce();
        rubric.criteria().forEach(c -> md.append(' ').append(heading(rubric, c)).append(" |"));
        md.append(" Time |\n|---|---|:-:|---:|");
        rubric.criteria().forEach(c -> md.append(":-:|"));
        md.append("---:|\n");
        for (Row row : rows) {
            md.append("| ").append(Escape.markdownCell(row.name())).append(" | ").append(Escape.markdownCell(row.status()))
                    .append(" | ").append(row.isError() ? "–" : row.answerPassed() ? "yes" : "no").append(" | ")
                    .append(row.isError() ? "–" : row.score()).append(" |");
            for (Criterion c : rubric.criteria()) {
                Boolean passed = row.passed().get(c.id());
                md.append(' ').append(row.isError() ? "–" : passed == null ? "⏳" : passed ? "✅" : "❌").append(" |");
            }
            md.append(' ').append(row.seconds() == null ? "–" : String.format(Locale.ROOT, "%.1fs", row.seconds()))
                    .append(" |\n");
        }
        List<Row> refused = rows.stream().filter(r -> r.status().equals("refused")).toList();
        if (!refused.isEmpty()) {
            md.append("\nRefused by the safety gate (nothing of them reached the cluster):\n\n");
            refused.forEach(r -> md.append("- ").append(Escape.markdown(r.name())).append(": ")
                    .append(Escape.markdown(r.error())).append('\n'));
        }
        List<Row> errors = rows.stream().filter(Row::isError).toList();
        if (!errors.isEmpty()) {
            md.append("\nNot graded:\n\n");
            errors.forEach(r -> md.append("- ").append(Escape.markdown(r.name())).append(": ").append(Escape.markdown(r.error()))
                    .append('\n'));
        }
        md.append("\n## Each criterion\n\n| Criterion | Points | Passed | Rate |\n|---|---:|---:|---:|\n");
        for (Criterion c : rubric.criteria()) {
            long passed = graded.stream().filter(r -> Boolean.TRUE.equals(r.passed().get(c.id()))).count();
            md.append("| ").append(Escape.markdownCell(rubric.title(c))).append(" | ").append(rubric.points(c))
                    .append(" | ").append(passed).append(" / ")
                    .append(graded.size()).append(" | ").append(percent(passed, graded.size())).append(" |\n");
        }
        md.append(charts(graded));
        md.append(ClassTime.section(rows.stream().map(Row::phases).toList()));
        md.append("\n## The slowest answers to grade\n\n");
        rows.stream().filter(r -> r.seconds() != null).sorted(Comparator.comparing(Row::seconds).reversed()).limit(5)
                .forEach(r -> md.append("- ").append(Escape.markdown(r.name())).append(": ")
                        .append(String.format(Locale.ROOT, "%.1fs", r.seconds())).append(ClassTime.slowestPhase(r.phases()))
                        .append('\n'));
        return md.toString();
    }

    /** The per-answer grading time and the answers per hour, stated so a teacher can plan a deadline. */
    static String throughput(List<Row> rows, Double wallSeconds) {
        List<Double> times = rows.stream().map(Row::seconds).filter(java.util.Objects::nonNull).sorted().toList();
        if (times.isEmpty()) {
            return "No grading times were recorded.";
        }
        double median = times.get(times.size() / 2);
        double total = times.stream().mapToDouble(Double::doubleValue).sum();
        String perHour = wallSeconds == null
                ? String.format(Locale.ROOT, "%.0f answers per hour, one after another", 3600 / (total / times.size()))
                : String.format(Locale.ROOT, "%.0f answers per hour in this run (%d in %.0f s)",
                        rows.size() * 3600 / wallSeconds, rows.size(), wallSeconds);
        return String.format(Locale.ROOT, "Grading took %.1f s per answer (median; %.1f s the slowest): %s.", median,
                times.get(times.size() - 1), perHour);
    }

    /** Mermaid: the scores in bands of 20, and the points the class lost, by criterion. */
    private static String charts(List<Row> graded) {
        int[] bands = new int[6];
        graded.forEach(r -> bands[r.score() == r.maxScore() ? 5 : Math.min(4, r.score() * 5 / Math.max(1, r.maxScore()))]++);
        StringBuilder md = new StringBuilder("\n## The scores\n\n```mermaid\nxychart-beta\n    title \"Answers by score\"\n")
                .append("    x-axis [\"0-19\", \"20-39\", \"40-59\", \"60-79\", \"80-99\", \"100\"]\n")
                .append("    y-axis \"answers\" 0 --> ").append(Math.max(1, graded.size())).append("\n    bar [");
        for (int i = 0; i < bands.length; i++) {
            md.append(i == 0 ? "" : ", ").append(bands[i]);
        }
        md.append("]\n```\n\n## What the class missed most\n\n");
        Map<Criterion, Integer> lost = new LinkedHashMap<>();
        Rubric rubric = Rubric.inForce();
        for (Criterion c : rubric.criteria()) {
            int points = graded.stream().mapToInt(r -> rubric.points(c) - r.scores().getOrDefault(c.id(), 0)).sum();
            if (points > 0) {
                lost.put(c, points);
            }
        }
        if (lost.isEmpty()) {
            return md.append("Nothing: every graded answer has every point.\n").toString();
        }
        md.append("```mermaid\npie title Points lost, by criterion\n");
        lost.entrySet().stream().sorted(Map.Entry.<Criterion, Integer>comparingByValue().reversed())
                .forEach(e -> md.append("    \"").append(e.getKey().id()).append("\" : ").append(e.getValue()).append('\n'));
        return md.append("```\n").toString();
    }

    /** A criterion's column: its id and what it is worth, {@code yaml (10)}. */
    private static String heading(Rubric rubric, Criterion criterion) {
        return criterion.id() + " (" + rubric.points(criterion) + ")";
    }

    private static List<String> ids() {
        return Rubric.inForce().criteria().stream().map(Criterion::id).toList();
    }

    private static long count(List<Row> rows, String status) {
        return rows.stream().filter(r -> r.status().equals(status)).count();
    }

    private static String percent(long part, int whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    private static String text(JsonObject json, String field, String otherwise) {
        return json.has(field) && !json.get(field).isJsonNull() ? json.get(field).getAsString() : otherwise;
    }
}

package co.courselabs.statefulsets.grade;

import co.courselabs.statefulsets.settings.LabSettings;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecException;
import co.courselabs.statefulsets.spec.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What each criterion is worth, what it is called, what must pass and what the teacher says when it
 * does not: data, in the default rubric shipped with the grader ({@code src/test/resources/grading/rubric.yaml},
 * today's grades) and, read over it, a teacher's ({@code -Dlab.rubric}). The checks stay code; the
 * rubric only decides what their verdicts are worth.
 */
public final class Rubric {

    /** A rubric is a few lines; an answer's files get 256 KiB, a rubric far less. */
    static final long MAX_BYTES = 64 * 1024;
    private static final Set<String> TOP = Set.of("criteria", "pass");
    private static final Set<String> FIELDS = Set.of("points", "title", "required", "hint");

    /** One criterion's worth: points (0: left out of the total and the reports), title, required, the teacher's hint. */
    public record Entry(int points, String title, boolean required, String hint) {
    }

    private static Rubric standard;
    private static Rubric inForce;

    private final String name;
    private final String sha256;
    private final Map<Criterion, Entry> entries;
    private final Integer passScore;

    private Rubric(String name, String sha256, Map<Criterion, Entry> entries, Integer passScore) {
        this.name = name;
        this.sha256 = sha256;
        this.entries = entries;
        this.passScore = passScore;
    }

    /** The rubric of this run: {@code -Dlab.rubric}'s over the default, else the default. Read once. */
    public static synchronized Rubric inForce() {
        if (inForce == null) {
            LabSettings settings = LabSettings.get();
            inForce = settings.rubric() == null ? standard() : read(settings.underProject(settings.rubric()));
        }
        return inForce;
    }

    /** The default rubric: today's 100 points, every criterion needed to pass. */
    public static synchronized Rubric standard() {
        if (standard == null) {
            standard = parse(LabSettings.get().base().resolve("src/test/resources/grading/rubric.yaml"), "default", null);
        }
        return standard;
    }

    /** A teacher's rubric, read over the default; a fault stops with one sentence naming the file and line. */
    public static Rubric read(Path file) {
        return parse(file, file.getFileName() == null ? file.toString() : file.getFileName().toString(), standard());
    }

    private static Rubric parse(Path file, String name, Rubric base) {
        SpecDocument doc;
        try {
            doc = SpecReader.readMapping(file, MAX_BYTES);
        } catch (SpecException e) {
            throw new RubricInvalid("The rubric " + e.getMessage());
        }
        Map<String, Object> content = doc.content();
        for (String key : content.keySet()) {
            if (!TOP.contains(String.valueOf(key))) {
                throw invalid(doc, "has " + key + ": a rubric holds criteria and pass", key);
            }
        }
        Map<Criterion, Entry> entries = new EnumMap<>(Criterion.class);
        if (base != null) {
            entries.putAll(base.entries);
        }
        Object criteria = content.get("criteria");
        if (criteria != null && !(criteria instanceof Map<?, ?>)) {
            throw invalid(doc, "criteria must be a mapping of criterion ids to their points, title, required, hint",
                    "criteria");
        }
        if (criteria instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String id = String.valueOf(e.getKey());
                Criterion criterion = Criterion.of(id).orElseThrow(() -> invalid(doc, "names no criterion " + id
                        + ": the criteria are " + String.join(", ", Arrays.stream(Criterion.values()).map(Criterion::id)
                        .toList()), "criteria", id));
                entries.put(criterion, entry(doc, criterion, e.getValue(), entries.get(criterion)));
            }
        }
        for (Criterion criterion : Criterion.values()) {
            if (!entries.containsKey(criterion)) {
                throw invalid(doc, "gives criterion " + criterion.id() + " no points and title", "criteria");
            }
        }
        int total = entries.values().stream().mapToInt(Entry::points).sum();
        if (total == 0) {
            throw invalid(doc, "makes every criterion worth 0 points: at least one must be worth points", "criteria");
        }
        Integer passScore = passScore(doc, content.get("pass"), total);
        return new Rubric(name, sha256(file), entries, passScore);
    }

    private static Entry entry(SpecDocument doc, Criterion criterion, Object value, Entry before) {
        String id = criterion.id();
        if (!(value instanceof Map<?, ?> fields)) {
            throw invalid(doc, "gives " + id + " " + value + ": give a mapping such as {points: 20}", "criteria", id);
        }
        for (Object key : fields.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                throw invalid(doc, "gives " + id + " a field " + key + ": a criterion has points, title, required and"
                        + " hint", "criteria", id, key);
            }
        }
        Object points = fields.containsKey("points") ? fields.get("points") : before == null ? null : before.points();
        if (!(points instanceof Integer whole) || whole < 0) {
            throw invalid(doc, "gives " + id + " points " + points + ": points are a whole number, 0 or more",
                    "criteria", id, fields.containsKey("points") ? "points" : null);
        }
        Object title = fields.containsKey("title") ? fields.get("title") : before == null ? null : before.title();
        if (!(title instanceof String text) || text.isBlank() || text.length() > 200 || text.contains("\n")) {
            throw invalid(doc, "gives " + id + " no title of one line (200 characters at most)", "criteria", id,
                    fields.containsKey("title") ? "title" : null);
        }
        Object required = fields.containsKey("required") ? fields.get("required") : before != null && before.required();
        if (!(required instanceof Boolean must)) {
            throw invalid(doc, "gives " + id + " required " + required + ": true or false", "criteria", id, "required");
        }
        if (must && whole == 0) {
            throw invalid(doc, "makes " + id + " required and worth 0 points: a criterion worth nothing is left out",
                    "criteria", id);
        }
        Object hint = fields.containsKey("hint") ? fields.get("hint") : before == null ? null : before.hint();
        if (hint != null && (!(hint instanceof String words) || words.length() > 2000)) {
            throw invalid(doc, "gives " + id + " a hint that is not text of 2000 characters at most", "criteria", id,
                    "hint");
        }
        return new Entry(whole, text.strip(), must, hint instanceof String words && !words.isBlank() ? words.strip() : null);
    }

    private static Integer passScore(SpecDocument doc, Object pass, int total) {
        if (pass == null) {
            return null;
        }
        if (!(pass instanceof Map<?, ?> rule) || !rule.keySet().equals(Set.of("score"))) {
            throw invalid(doc, "gives pass " + pass + ": pass holds score, the least score that passes (with every"
                    + " required criterion); left out, every criterion must pass", "pass");
        }
        if (!(rule.get("score") instanceof Integer score) || score < 0 || score > total) {
            throw invalid(doc, "gives pass score " + rule.get("score") + ": a whole number from 0 to the rubric's "
                    + total + " points", "pass", "score");
        }
        return score;
    }

    private static RubricInvalid invalid(SpecDocument doc, String what, Object... path) {
        List<Object> at = Arrays.stream(path).filter(p -> p != null).toList();
        int line = at.isEmpty() ? 0 : doc.lineOf(at.toArray());
        return new RubricInvalid("The rubric " + SpecException.location(doc.file(), line) + ": it " + what + ".");
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    public String sha256() {
        return sha256;
    }

    public int points(Criterion criterion) {
        return entries.get(criterion).points();
    }

    public String title(Criterion criterion) {
        return entries.get(criterion).title();
    }

    public boolean required(Criterion criterion) {
        return entries.get(criterion).required();
    }

    /** The teacher's words under the criterion when it fails, or null. */
    public String hint(Criterion criterion) {
        return entries.get(criterion).hint();
    }

    /** The criteria worth points, in the grader's order: those the reports show. */
    public List<Criterion> criteria() {
        return Arrays.stream(Criterion.values()).filter(c -> points(c) > 0).toList();
    }

    public int total() {
        return entries.values().stream().mapToInt(Entry::points).sum();
    }

    /** The least score that passes (with every required criterion), or null: every criterion must pass. */
    public Integer passScore() {
        return passScore;
    }

    /** How test reports name a criterion: {@code yaml (10 points): The folder has YAML ...}. */
    public String testName(Criterion criterion) {
        return criterion.id() + " (" + points(criterion) + " points): " + title(criterion);
    }

    /**
     * Whether a grade passes, from each criterion's verdict (true, false, null: undecided). Live, the
     * criteria that count must have passed; from the YAML alone, none of them failed (and the score
     * asked for must still be within reach).
     */
    boolean passes(Function<Criterion, Boolean> verdict, boolean live) {
        int score = 0;
        int open = 0;
        for (Criterion criterion : criteria()) {
            Boolean passed = verdict.apply(criterion);
            boolean counts = passScore == null || required(criterion);
            if (counts && (live ? !Boolean.TRUE.equals(passed) : Boolean.FALSE.equals(passed))) {
                return false;
            }
            score += Boolean.TRUE.equals(passed) ? points(criterion) : 0;
            open += passed == null ? points(criterion) : 0;
        }
        return passScore == null || score + (live ? 0 : open) >= passScore;
    }
}

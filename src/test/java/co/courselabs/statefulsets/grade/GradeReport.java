package co.courselabs.statefulsets.grade;

import co.courselabs.statefulsets.k8s.SpecException;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a grade where students and workflows read it: {@code grade.json} (for machines),
 * {@code summary.md} (what a student reads first) and {@code annotations.txt} (GitHub workflow
 * commands that mark the faults on the student's files).
 */
public final class GradeReport {

    private GradeReport() {
    }

    public static void write(Grade grade, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("grade.json"), json(grade));
            Files.writeString(dir.resolve("summary.md"), summary(grade));
            Files.writeString(dir.resolve("annotations.txt"), annotations(grade));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the grade to " + dir, e);
        }
    }

    public static String json(Grade grade) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("passed", grade.passed());
        root.put("score", grade.score());
        root.put("maxScore", grade.maxScore());
        root.put("live", grade.isLive());
        root.put("folder", SpecException.display(grade.folder()));
        List<Map<String, Object>> criteria = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", criterion.id());
            item.put("title", criterion.title());
            item.put("points", criterion.points());
            item.put("passed", grade.passed(criterion));
            item.put("message", grade.message(criterion));
            criteria.add(item);
        }
        root.put("criteria", criteria);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    public static String summary(Grade grade) {
        StringBuilder md = new StringBuilder("# StatefulSets lab exercise: ").append(headline(grade)).append("\n\n")
                .append("Graded folder: `").append(SpecException.display(grade.folder())).append("`, ")
                .append(grade.isLive() ? "read and run on a Kubernetes cluster."
                        : "read only (no cluster): criteria marked ⏳ are decided by `mvn verify`.")
                .append("\n\n| | Criterion | Points | What the grader saw |\n|---|---|---:|---|\n");
        for (Criterion criterion : Criterion.values()) {
            Boolean passed = grade.passed(criterion);
            md.append("| ").append(passed == null ? "⏳" : passed ? "✅" : "❌")
                    .append(" | ").append(criterion.title())
                    .append(" | ").append(Boolean.TRUE.equals(passed) ? criterion.points() : 0).append('/')
                    .append(criterion.points())
                    .append(" | ").append(cell(grade.message(criterion))).append(" |\n");
        }
        List<Finding> findings = grade.allFindings();
        if (!findings.isEmpty()) {
            md.append("\n## What to fix\n\n");
            for (int i = 0; i < findings.size(); i++) {
                md.append(i + 1).append(". ").append(findings.get(i).toString().replace("\n", "\n   ")).append('\n');
            }
        }
        if (!grade.clusterShowed().isEmpty()) {
            md.append("\n## What the cluster showed\n\n```\n").append(String.join("\n", grade.clusterShowed()))
                    .append("\n```\n");
        }
        return md.toString();
    }

    private static String headline(Grade grade) {
        int undecided = java.util.Arrays.stream(Criterion.values()).filter(c -> grade.passed(c) == null)
                .mapToInt(Criterion::points).sum();
        if (grade.isLive() || !grade.passed()) {
            return (grade.passed() ? "PASSED" : "NOT YET") + " (" + grade.score() + " / " + grade.maxScore() + " points"
                    + (grade.isLive() ? ")" : " so far; " + undecided + " are decided on a cluster)");
        }
        return "no fault in the YAML (" + grade.score() + " points so far; the other " + undecided
                + " are decided on a cluster by mvn verify)";
    }

    /** {@code ::error file=F,line=L,title=T::message}, one per fault, for GitHub Actions. */
    public static String annotations(Grade grade) {
        StringBuilder out = new StringBuilder();
        for (Criterion criterion : Criterion.values()) {
            for (Finding finding : grade.findings(criterion)) {
                out.append("::error ");
                if (finding.file() != null) {
                    out.append("file=").append(property(SpecException.display(finding.file())));
                    if (finding.line() > 0) {
                        out.append(",line=").append(finding.line());
                    }
                    out.append(',');
                }
                out.append("title=").append(property(criterion.title())).append("::")
                        .append(data(finding.message())).append('\n');
            }
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", "<br>");
    }

    // GitHub's escaping for workflow commands: data escapes %, CR, LF; properties also : and ,
    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}

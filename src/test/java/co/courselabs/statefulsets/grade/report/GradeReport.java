package co.courselabs.statefulsets.grade.report;

import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.progress.Escape;
import co.courselabs.statefulsets.progress.PodChart;
import co.courselabs.statefulsets.spec.SpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a grade where people and tools read it: {@code summary.md} (what a student reads first),
 * {@code grade.json} (this project's own format), {@code annotations.txt} (GitHub workflow commands
 * that mark the faults on the student's files) and, through {@link GradeExports}, the formats of
 * other grading tools.
 */
public final class GradeReport {

    /** grade.json's shape: 2 added {@code schemaVersion}, {@code status}, {@code error} and a score per criterion. */
    public static final int SCHEMA_VERSION = 2;
    /** GitHub shows at most 10 annotations of a kind per step and drops the rest. */
    static final int ANNOTATIONS_PER_STEP = 10;


    private GradeReport() {
    }

    public static void write(Grade grade, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("grade.json"), json(grade));
            Files.writeString(dir.resolve("summary.md"), summary(grade));
            Files.writeString(dir.resolve("annotations.txt"), annotations(grade));
            GradeExports.write(grade, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the grade to " + dir, e);
        }
    }

    public static String json(Grade grade) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("status", grade.status().id());
        root.put("passed", grade.passed());
        root.put("score", grade.score());
        root.put("maxScore", grade.maxScore());
        root.put("live", grade.isLive());
        root.put("folder", SpecException.display(grade.folder()));
        root.put("error", grade.error());
        root.put("durationSeconds", grade.took() == null ? null : grade.took().toMillis() / 1000.0);
        Map<String, Object> phases = new LinkedHashMap<>();
        grade.phases().forEach((phase, took) -> phases.put(phase, took.toMillis() / 1000.0));
        root.put("phasesSeconds", phases);
        root.put("namespace", grade.namespace());
        root.put("fences", grade.fences());
        List<Map<String, Object>> criteria = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", criterion.id());
            item.put("title", criterion.title());
            item.put("points", criterion.points());
            item.put("score", grade.score(criterion));
            item.put("passed", grade.passed(criterion));
            item.put("message", grade.message(criterion));
            criteria.add(item);
        }
        root.put("criteria", criteria);
        return GradeExports.JSON.toJson(root) + "\n";
    }

    public static String summary(Grade grade) {
        StringBuilder md = new StringBuilder("# StatefulSets lab exercise: ").append(headline(grade)).append("\n\n");
        switch (grade.status()) {
            case ERROR -> md.append("**This is not your answer's fault.** ").append(Escape.markdown(grade.error()))
                    .append("\n\nRun the grading again; if it keeps failing, tell your teacher. What could be read"
                            + " from the YAML alone is below.\n\n");
            case REFUSED -> md.append("**The safety gate refused the folder, so nothing of it was applied to the"
                    + " cluster.** Fix what the Safe criterion says and push again.\n\n");
            case GRADED -> { }
        }
        md.append("Graded folder: ").append(Escape.codeSpan(SpecException.display(grade.folder()))).append(", ")
                .append(grade.isLive() ? "read and run on a Kubernetes cluster."
                        : "read only, without a cluster (static mode): criteria marked ⏳ are decided on a cluster, by a live"
                                + " run (`mvn verify`, or the action's `mode: live`).")
                .append("\n\n| | Criterion | Points | What the grader saw |\n|---|---|---:|---|\n");
        for (Criterion criterion : Criterion.values()) {
            Boolean passed = grade.passed(criterion);
            md.append("| ").append(passed == null ? "⏳" : passed ? "✅" : "❌")
                    .append(" | ").append(criterion.title())
                    .append(" | ").append(grade.score(criterion)).append('/').append(criterion.points())
                    .append(" | ").append(Escape.markdownCell(grade.message(criterion))).append(" |\n");
        }
        List<Finding> findings = grade.allFindings();
        if (!findings.isEmpty()) {
            md.append("\n## What to fix\n\n");
            for (int i = 0; i < findings.size(); i++) {
                md.append(i + 1).append(". ").append(Escape.markdownItem(findings.get(i).toString(), "   ")).append('\n');
            }
            if (findings.size() > ANNOTATIONS_PER_STEP) {
                md.append("\nThe first ").append(ANNOTATIONS_PER_STEP).append(" are marked on your files; ")
                        .append(findings.size() - ANNOTATIONS_PER_STEP)
                        .append(" more are only listed here (GitHub shows 10 marks per step).\n");
            }
        }
        if (grade.namespace() != null) {
            md.append("\nGraded in namespace ").append(Escape.codeSpan(grade.namespace()))
                    .append(", a namespace of its own, fenced by:\n\n");
            grade.fences().forEach(line -> md.append("- ").append(Escape.markdown(line)).append('\n'));
        }
        if (!grade.podLives().isEmpty()) {
            md.append("\n## How your Pods started\n\n")
                    .append(PodChart.markdown(Exercise.PROXY + " Pods as the grader saw them", grade.podLives(),
                            grade.watchedUntil()));
        }
        if (!grade.clusterShowed().isEmpty()) {
            md.append("\n## What the cluster showed\n\n").append(Escape.codeBlock(String.join("\n", grade.clusterShowed())));
        }
        return md.toString();
    }

    private static String headline(Grade grade) {
        int undecided = Arrays.stream(Criterion.values()).filter(c -> grade.passed(c) == null)
                .mapToInt(Criterion::points).sum();
        String points = grade.score() + " / " + grade.maxScore() + " points";
        return switch (grade.status()) {
            case ERROR -> "NOT GRADED (the grader could not run; " + points + " decided so far)";
            case REFUSED -> "REFUSED (" + points + ")";
            case GRADED -> {
                if (grade.isLive() || !grade.passed()) {
                    yield (grade.passed() ? "PASSED" : "NOT YET") + " (" + points
                            + (grade.isLive() ? ")" : " so far; " + undecided + " are decided on a cluster)");
                }
                yield "no fault in the YAML (" + grade.score() + " points so far; the other " + undecided
                        + " are decided on a cluster, by a live run)";
            }
        };
    }

    /**
     * {@code ::error file=F,line=L,title=T::message}, one per fault, for GitHub Actions; the first
     * {@value #ANNOTATIONS_PER_STEP} only, as GitHub drops the rest (the summary counts them).
     */
    public static String annotations(Grade grade) {
        StringBuilder out = new StringBuilder();
        if (grade.status() == Grade.Status.ERROR) {
            out.append("::error title=No grade (not your answer's fault)::").append(Escape.workflowData(grade.error()))
                    .append('\n');
        }
        int written = 0;
        for (Criterion criterion : Criterion.values()) {
            for (Finding finding : grade.findings(criterion)) {
                if (written++ == ANNOTATIONS_PER_STEP) {
                    return out.toString();
                }
                out.append("::error ");
                if (finding.file() != null) {
                    out.append("file=").append(Escape.workflowProperty(SpecException.display(finding.file())));
                    if (finding.line() > 0) {
                        out.append(",line=").append(finding.line());
                    }
                    out.append(',');
                }
                out.append("title=").append(Escape.workflowProperty(criterion.title())).append("::")
                        .append(Escape.workflowData(finding.message())).append('\n');
            }
        }
        return out.toString();
    }

}

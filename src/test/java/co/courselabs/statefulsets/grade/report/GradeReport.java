package co.courselabs.statefulsets.grade.report;

import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Exercise;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.Rubric;
import co.courselabs.statefulsets.grade.RubricInvalid;
import co.courselabs.statefulsets.progress.Escape;
import co.courselabs.statefulsets.progress.PodChart;
import co.courselabs.statefulsets.spec.SpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * The run's rubric. One the grader cannot use stops the run here, before any answer is read: its
     * sentence (file, line, what is wrong) is the test's failure, and is left in {@code rubric-invalid.txt}
     * for the action, which reports it as the workflow's fault.
     */
    public static Rubric rubricOrStop(Path dir) {
        try {
            return Rubric.inForce();
        } catch (RubricInvalid e) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("rubric-invalid.txt"), e.getMessage() + "\n");
            } catch (IOException io) {
                e.addSuppressed(io);
            }
            throw e;
        }
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
        Rubric rubric = grade.rubric();
        Map<String, Object> made = new LinkedHashMap<>();
        made.put("name", rubric.name());
        made.put("sha256", rubric.sha256());
        made.put("passScore", rubric.passScore());
        root.put("rubric", made);
        List<Map<String, Object>> criteria = new ArrayList<>();
        for (Criterion criterion : rubric.criteria()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", criterion.id());
            item.put("title", rubric.title(criterion));
            item.put("points", rubric.points(criterion));
            item.put("required", rubric.required(criterion));
            item.put("score", grade.score(criterion));
            item.put("passed", grade.passed(criterion));
            item.put("message", grade.message(criterion));
            item.put("hint", grade.hint(criterion));
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
        Rubric rubric = grade.rubric();
        for (Criterion criterion : rubric.criteria()) {
            Boolean passed = grade.passed(criterion);
            String hint = grade.hint(criterion);
            md.append("| ").append(passed == null ? "⏳" : passed ? "✅" : "❌")
                    .append(" | ").append(Escape.markdownCell(rubric.title(criterion)))
                    .append(rubric.required(criterion) ? " (required)" : "")
                    .append(" | ").append(grade.score(criterion)).append('/').append(rubric.points(criterion))
                    .append(" | ").append(Escape.markdownCell(grade.message(criterion)))
                    .append(hint == null ? "" : "<br>**Your teacher's hint:** " + Escape.trustedMarkdownCell(hint))
                    .append(" |\n");
        }
        if (rubric.passScore() != null) {
            md.append("\nPassing takes ").append(rubric.passScore()).append(" of the ").append(rubric.total())
                    .append(" points").append(rubric.criteria().stream().anyMatch(rubric::required)
                            ? ", with every required criterion passed" : "").append(".\n");
        }
        // a criterion the rubric leaves out is not shown, unless it is why nothing was applied
        List<Finding> findings = rubric.criteria().stream().flatMap(c -> grade.findings(c).stream()).toList();
        if (grade.status() == Grade.Status.REFUSED && rubric.points(Criterion.SAFE) == 0) {
            findings = grade.allFindings();
        }
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
        int undecided = grade.rubric().criteria().stream().filter(c -> grade.passed(c) == null)
                .mapToInt(grade.rubric()::points).sum();
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
        for (Criterion criterion : grade.rubric().criteria()) {
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
                out.append("title=").append(Escape.workflowProperty(grade.rubric().title(criterion))).append("::")
                        .append(Escape.workflowData(finding.message())).append('\n');
            }
        }
        return out.toString();
    }

}

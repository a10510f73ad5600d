package co.courselabs.statefulsets.grade.report;

import co.courselabs.statefulsets.lab.Lab;
import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.progress.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn test -Dlab.grades=DIR}: the class report from grades made elsewhere (one GitHub job
 * per student), each in {@code DIR/<name>/grade.json}; a job's artifact named
 * {@code grade-<name>} counts as the answer {@code <name>}.
 */
@DisplayName("Merge a class's grades into the class report")
class ClassMergeTest {

    @Test
    @DisplayName("every answer's grade.json is a row of the class report")
    void mergeTheGrades() throws Exception {
        Path dir = LabSpecs.gradesToMerge();
        List<ClassReport.Row> rows = ClassReport.rows(dir).stream()
                .map(r -> r.name().startsWith("grade-") ? new ClassReport.Row(r.name().substring(6), r.status(),
                        r.answerPassed(), r.score(), r.maxScore(), r.scores(), r.passed(), r.seconds(), r.error(), r.phases(),
                        r.rubric()) : r)
                .toList();
        Path out = Lab.REPORT_DIR.resolve("class");
        ClassReport.write(rows, out, null);
        Progress.say(rows.size() + " grades merged into " + out.resolve("class.md"));
        if (!Files.exists(out.resolve("class.md"))) {
            throw new AssertionError("no class report was written to " + out);
        }
    }
}

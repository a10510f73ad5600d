package co.courselabs.statefulsets.grade.answer;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.spec.SpecDocument;
import co.courselabs.statefulsets.spec.SpecException;
import co.courselabs.statefulsets.spec.SpecReader;
import co.courselabs.statefulsets.spec.SpecRefused;
import java.util.List;

/**
 * An answer's folder, read once per grading and handed on: what the safety gate refused to read
 * (links, sizes, a file that is no folder), else the fault of its YAML, else its documents. The
 * YAML-only grade, the live grade and an error's fallback grade all judge the same reading.
 */
public record AnswerYaml(Answer answer, List<Finding> refused, SpecException fault, List<SpecDocument> documents) {

    public static AnswerYaml read(Answer answer) {
        List<Finding> unreadable = AnswerFiles.refusals(answer);
        if (!unreadable.isEmpty()) {
            return new AnswerYaml(answer, unreadable, null, List.of());
        }
        try {
            return new AnswerYaml(answer, List.of(), null, SpecReader.read(answer.folder()));
        } catch (SpecRefused e) {
            return new AnswerYaml(answer, List.of(Finding.of(e)), null, List.of());
        } catch (SpecException e) {
            return new AnswerYaml(answer, List.of(), e, List.of());
        }
    }
}

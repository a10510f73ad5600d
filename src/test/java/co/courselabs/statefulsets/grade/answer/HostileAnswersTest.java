package co.courselabs.statefulsets.grade.answer;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.report.GradeReport;
import co.courselabs.statefulsets.lab.LabSpecs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers written to get past the grader, graded from their YAML alone: each is refused before a
 * cluster, or fails the criterion it fakes, with the reason its {@code expected.yaml} gives.
 */
class HostileAnswersTest {

    static Stream<AnswerCase> cases() {
        return AnswerCase.all("hostile");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("a hostile answer is refused, or fails what it fakes, with its reason, from its YAML alone")
    void refusedWithItsReason(AnswerCase hostile) {
        hostile.checkFromYaml(StaticGrader.grade(Answer.of(hostile.answer()), LabSpecs.namespace(), false).grade());
    }

    @Test
    @DisplayName("every threat has its case: issue 25's eight, and issue 30's answers (items 1 to 4)")
    void everyThreatHasACase() {
        List<String> items = cases().map(AnswerCase::about)
                .flatMap(t -> java.util.regex.Pattern.compile("issue (\\d+), item (\\d+)").matcher(t).results())
                .map(m -> m.group(1) + "." + m.group(2)).distinct().sorted().toList();
        assertThat(items).containsExactly("25.1", "25.2", "25.3", "25.4", "25.5", "25.6", "25.7", "25.8",
                "30.1", "30.2", "30.3", "30.4");
    }

    @Test
    @DisplayName("the answer's text in the report renders as text: no heading, table row, code, link or HTML of its own")
    void reportEscapesTheAnswersText() {
        Answer answer = Answer.of(AnswerCase.named("hostile", "markdown-injection").answer());
        Grade grade = StaticGrader.grade(answer, LabSpecs.namespace(), false).grade();
        String summary = GradeReport.summary(grade);
        List<String> lines = summary.lines().toList();
        assertThat(lines).as("lines of summary.md").noneMatch(l -> l.startsWith("# FULL MARKS"));
        assertThat(summary).doesNotContain("<img").doesNotContain("[fix](").contains("&lt;img src=x");
        // every row of the criteria table still has its four columns
        assertThat(lines.stream().filter(l -> l.startsWith("| ") && (l.contains("✅") || l.contains("❌")
                || l.contains("⏳")))).allMatch(l -> l.replace("\\|", "").chars().filter(c -> c == '|').count() == 5);
    }
}

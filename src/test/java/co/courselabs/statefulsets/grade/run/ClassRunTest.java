package co.courselabs.statefulsets.grade.run;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.answer.AnswerCase;
import co.courselabs.statefulsets.grade.answer.AnswerFiles;
import co.courselabs.statefulsets.grade.answer.AnswerYaml;
import co.courselabs.statefulsets.grade.answer.StaticGrader;
import co.courselabs.statefulsets.grade.live.LiveGrader;
import co.courselabs.statefulsets.lab.LabSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a class is run: its order, and an answer's failure kept to that answer. */
@DisplayName("A class run")
class ClassRunTest {

    @Test
    @DisplayName("a class starts the answers with probes first (the slow ones), and keeps its grades in the answers' order")
    void probedAnswersStartFirst(@TempDir Path dir) throws Exception {
        Path quick = Files.createDirectories(dir.resolve("ada"));
        Files.copy(LabSpecs.SOLUTION.resolve("statefulset.yaml"), quick.resolve("statefulset.yaml"));
        Path slow = Files.createDirectories(dir.resolve("bob"));
        Files.writeString(slow.resolve("statefulset.yaml"), Files.readString(LabSpecs.SOLUTION.resolve("statefulset.yaml"))
                .replace("          volumeMounts:", "          livenessProbe:\n            tcpSocket: {port: 80}\n"
                        + "          volumeMounts:"));
        Path refused = Files.createSymbolicLink(dir.resolve("cy"), slow);
        List<Answer> answers = List.of(Answer.of(quick), Answer.of(slow), new Answer(refused, dir));
        assertThat(AnswerFiles.mentions(answers.get(1), List.of("livenessProbe"))).isTrue();
        assertThat(AnswerFiles.mentions(answers.get(2), List.of("livenessProbe"))).as("through a link").isFalse();
        assertThat(ClassRun.slowestFirst(answers)).containsExactly(1, 0, 2);
    }

    @Test
    @DisplayName("an answer that breaks the grader (a java.lang.Error) is that answer's error, not the run's")
    void anErrorEndsOnlyThatAnswer() {
        Grade grade = AnswerGrader.guarded(Answer.of(AnswerCase.named("hostile", "alias-bomb").answer()), () -> {
            throw new StackOverflowError();
        });
        assertThat(grade.status()).isEqualTo(Grade.Status.ERROR);
        assertThat(grade.error()).contains("StackOverflowError").contains("the other answers are not affected");
    }

    @Test
    @DisplayName("an answer's YAML is read once: every grade of it, the fallback when the cluster fails too, judges that reading")
    void anAnswerIsReadOnce(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ada"));
        try (var files = Files.list(LabSpecs.SOLUTION)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        AnswerYaml yaml = AnswerYaml.read(Answer.of(folder));
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file); // what is graded from here on is the reading, not the folder
            }
        }
        assertThat(StaticGrader.grade(yaml, LabSpecs.namespace(), false).grade().message(Criterion.YAML))
                .contains("objects read: ").contains("StatefulSet/simple-proxy");
        Grade grade = LiveGrader.gradeOrError(() -> {
            throw new IllegalStateException("no cluster in this test");
        }, yaml);
        assertThat(grade.status()).isEqualTo(Grade.Status.ERROR);
        assertThat(grade.findings(Criterion.YAML)).as("the YAML's findings when the cluster failed").isEmpty();
    }
}

package co.courselabs.statefulsets.grade.answer;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.lab.LabSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerFilesTest {

    private static final Path REFERENCE = LabSpecs.SOLUTION;

    private static Path copyOfReference(Path dir) throws Exception {
        Path answer = Files.createDirectories(dir.resolve("solution"));
        for (String file : new String[] {"service.yaml", "statefulset.yaml"}) {
            Files.copy(REFERENCE.resolve(file), answer.resolve(file));
        }
        return answer;
    }

    @Test
    @DisplayName("a copy of the reference answer is read")
    void plainAnswerIsRead(@TempDir Path dir) throws Exception {
        assertThat(AnswerFiles.refusals(Answer.of(copyOfReference(dir)))).isEmpty();
    }

    @Test
    @DisplayName("a link anywhere in the answer, sub-folders too, is refused by name")
    void linkInASubFolder(@TempDir Path dir) throws Exception {
        Path answer = copyOfReference(dir);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(Files.createDirectories(answer.resolve("notes")).resolve("secret"), elsewhere);
        assertThat(AnswerFiles.refusals(Answer.of(answer))).singleElement().asString()
                .contains("notes/secret is a symbolic link (to " + elsewhere + ")");
    }

    @Test
    @DisplayName("a link on the way from the repository to the answer is refused (folder: labs/solution, labs a link)")
    void linkOnTheWay(@TempDir Path dir) throws Exception {
        copyOfReference(dir.resolve("elsewhere"));
        Path repository = Files.createDirectories(dir.resolve("repository"));
        Files.createSymbolicLink(repository.resolve("labs"), dir.resolve("elsewhere"));
        Answer answer = new Answer(repository.resolve("labs/solution"), repository);
        assertThat(AnswerFiles.refusals(answer)).singleElement().asString().contains("labs is a symbolic link");
        assertThat(AnswerFiles.refusals(Answer.of(repository.resolve("labs/solution")))).as("without the repository"
                + " known, only the folder itself is looked at").isEmpty();
    }

    @Test
    @DisplayName("more YAML files, or bytes, than an answer could need are refused before any is read")
    void sizes(@TempDir Path dir) throws Exception {
        Path many = copyOfReference(dir.resolve("many"));
        for (int i = 0; i < AnswerFiles.MAX_SPEC_FILES; i++) {
            Files.writeString(many.resolve("extra-" + i + ".yaml"), "# nothing\n");
        }
        assertThat(AnswerFiles.refusals(Answer.of(many))).singleElement().asString()
                .contains("the folder has 22 YAML and JSON files: the grader reads up to 20");
        Path big = copyOfReference(dir.resolve("big"));
        Files.writeString(big.resolve("big.yaml"), "# " + "x".repeat((int) AnswerFiles.MAX_FILE_BYTES) + "\n");
        assertThat(AnswerFiles.refusals(Answer.of(big))).singleElement().asString()
                .contains("big.yaml: the file is 256 KiB: the grader reads spec files of up to 256 KiB");
    }

    @Test
    @DisplayName("an answer that is a file, not a folder, is refused, saying so")
    void fileIsNotAFolder(@TempDir Path dir) throws Exception {
        Path file = Files.copy(LabSpecs.SOLUTION.resolve("statefulset.yaml"), dir.resolve("solution"));
        assertThat(AnswerFiles.refusals(Answer.of(file))).singleElement().asString()
                .contains("solution is a file, not a folder: an answer is a folder of YAML files");
    }
}

package co.courselabs.statefulsets.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LabSettingsTest {

    private static LabSettings settings(Map<String, String> given, Map<String, String> env) {
        Properties properties = new Properties();
        properties.setProperty("basedir", "/work/project");
        properties.putAll(given);
        return LabSettings.from(properties, env);
    }

    @Test
    @DisplayName("a path a person gives is taken as given when absolute, else under the project")
    void pathRule() {
        LabSettings settings = settings(Map.of(), Map.of());
        assertThat(settings.underProject("/srv/answers")).isEqualTo(Path.of("/srv/answers"));
        assertThat(settings.underProject(" answers/../solution ")).isEqualTo(Path.of("/work/project/solution"));
        assertThat(settings.report()).isEqualTo(Path.of("/work/project/target/lab-report"));
        assertThat(settings(Map.of("lab.report", "out"), Map.of()).report()).isEqualTo(Path.of("/work/project/out"));
    }

    @Test
    @DisplayName("blank switches count as not given; the self-tests' flag counts even when empty")
    void blankIsNotGiven() {
        LabSettings settings = settings(Map.of("lab.folder", " ", "lab.results", "", "lab.selftest", ""), Map.of());
        assertThat(settings.labFolder()).isNull();
        assertThat(settings.resultsFile()).isNull();
        assertThat(settings.selfTest()).isTrue();
        assertThat(settings(Map.of(), Map.of()).selfTest()).isFalse();
        assertThat(settings(Map.of("lab.rubric", " "), Map.of()).rubric()).as("no rubric: the default").isNull();
        assertThat(settings(Map.of("lab.rubric", " .github/rubric.yaml "), Map.of()).rubric()).isEqualTo(".github/rubric.yaml");
    }

    @Test
    @DisplayName("file names are shown from an Actions run's repository first, then from the project")
    void shownFrom() {
        assertThat(settings(Map.of(), Map.of("GITHUB_WORKSPACE", "/home/runner/work/answer")).shownFrom())
                .containsExactly(Path.of("/home/runner/work/answer"), Path.of("/work/project"));
        assertThat(settings(Map.of(), Map.of("GITHUB_WORKSPACE", " ")).shownFrom()).containsExactly(Path.of("/work/project"));
    }
}

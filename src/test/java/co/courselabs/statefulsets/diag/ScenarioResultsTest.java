package co.courselabs.statefulsets.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScenarioResultsTest {

    @Test
    @DisplayName("results.md counts the outcomes and lists each test in the lab's words under its section, with why it failed")
    void markdown() {
        String md = ScenarioResults.markdown(List.of(
                new ScenarioResults.Result("Deploy a simple StatefulSet", "the Pods don't have random names", "passed",
                        Duration.ofMillis(300), ""),
                new ScenarioResults.Result("Deploy a simple StatefulSet", "Pods are created in order", "failed",
                        Duration.ofSeconds(12), "simple-statefulset-1 was created | before 0 was Ready"),
                new ScenarioResults.Result("Exercise", "answer › renamed", "skipped", Duration.ZERO, "no cluster")));
        assertThat(md).startsWith("# Lab scenarios: 1 passed, 1 failed, 1 skipped\n")
                .contains("## Deploy a simple StatefulSet\n\n| | What the lab says | Took |\n|---|---|---:|\n"
                        + "| ✅ | the Pods don't have random names | 0.3s |\n"
                        + "| ❌ | Pods are created in order<br>simple-statefulset-1 was created \\| before 0 was Ready"
                        + " | 12.0s |\n")
                .contains("## Exercise\n\n")
                .contains("| ⏭️ | answer › renamed<br>no cluster | 0.0s |");
    }

    @Test
    @DisplayName("a failure naming a spec's file and line becomes an annotation there, titled with the lab's sentence")
    void annotations() {
        String text = ScenarioResults.annotations(List.of(
                new ScenarioResults.Result("Deploy a simple StatefulSet", "each Pod is only created when the previous Pod has"
                        + " started", "failed", Duration.ofSeconds(1), "labs/statefulsets/specs/simple/statefulset.yaml:16:"
                        + " podManagementPolicy is Parallel: simple-statefulset-1 was created before"),
                new ScenarioResults.Result("Cleanup", "nothing is left", "failed", Duration.ZERO, "no file here"),
                new ScenarioResults.Result("Deploy", "passes", "passed", Duration.ZERO, "x.yaml:1: fine")));
        assertThat(text).isEqualTo("::error file=labs/statefulsets/specs/simple/statefulset.yaml,line=16,title=Deploy a"
                + " simple StatefulSet%3A each Pod is only created when the previous Pod has started::labs/statefulsets/specs/"
                + "simple/statefulset.yaml:16: podManagementPolicy is Parallel: simple-statefulset-1 was created before\n");
    }
}

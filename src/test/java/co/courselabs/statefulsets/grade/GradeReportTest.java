package co.courselabs.statefulsets.grade;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GradeReportTest {

    private static Grade sample() {
        Grade grade = new Grade(Path.of("solution"), false);
        grade.verified(Criterion.SAFE, "only Service, StatefulSet");
        grade.fail(Criterion.PARALLEL, new Finding(Path.of("solution/sts.yaml"), 9, "podManagementPolicy is OrderedReady"));
        grade.verified(Criterion.CACHE_CLAIM, "claim template 'cache' at /cache");
        return grade;
    }

    @Test
    @DisplayName("grade.json has the agreed shape: passed, score, maxScore, and per criterion id, title, points,"
            + " passed (null when not run) and message")
    void jsonShape() {
        JsonObject json = JsonParser.parseString(GradeReport.json(sample())).getAsJsonObject();
        assertThat(json.get("passed").getAsBoolean()).isFalse();
        assertThat(json.get("score").getAsInt()).isEqualTo(Criterion.SAFE.points());
        assertThat(json.get("maxScore").getAsInt()).isEqualTo(100);
        JsonObject parallel = json.getAsJsonArray("criteria").get(2).getAsJsonObject();
        assertThat(parallel.get("id").getAsString()).isEqualTo("parallel");
        assertThat(parallel.get("points").getAsInt()).isEqualTo(15);
        assertThat(parallel.get("passed").getAsBoolean()).isFalse();
        assertThat(parallel.get("message").getAsString()).isEqualTo("solution/sts.yaml:9: podManagementPolicy is OrderedReady");
        JsonObject works = json.getAsJsonArray("criteria").get(5).getAsJsonObject();
        assertThat(works.get("passed").isJsonNull()).isTrue();
    }

    @Test
    @DisplayName("summary.md is a table a student reads first, with what to fix")
    void summary() {
        String md = GradeReport.summary(sample());
        assertThat(md).startsWith("# StatefulSets lab exercise: NOT YET (10 / 100 points so far; 75 are decided on a cluster)")
                .contains("| ❌ | The Pods are created in parallel (podManagementPolicy: Parallel) | 0/15 | solution/sts.yaml:9:")
                .contains("| ⏳ | It works")
                .contains("## What to fix\n\n1. solution/sts.yaml:9: podManagementPolicy is OrderedReady");
    }

    @Test
    @DisplayName("annotations are GitHub workflow commands on the file and line, escaped")
    void annotations() {
        Grade grade = sample();
        grade.fail(Criterion.WORKS, "line one\nline two: 100%");
        assertThat(GradeReport.annotations(grade)).isEqualTo(
                "::error file=solution/sts.yaml,line=9,title=The Pods are created in parallel (podManagementPolicy%3A"
                        + " Parallel)::podManagementPolicy is OrderedReady\n"
                        + "::error title=It works%3A NodePort 30040 serves the site from the proxy's cache%2C kept in each"
                        + " Pod's /cache::line one%0Aline two: 100%25\n");
    }
}

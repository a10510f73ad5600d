package co.courselabs.statefulsets.grade.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.courselabs.statefulsets.grade.Criterion;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.grade.Grade;
import co.courselabs.statefulsets.grade.Phase;
import co.courselabs.statefulsets.grade.Rubric;
import co.courselabs.statefulsets.grade.RubricInvalid;
import co.courselabs.statefulsets.settings.LabSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassReportTest {

    /** The columns: each criterion by its id and its points (the default rubric's). */
    private static final String HEADER = "name,status,passed,score,max_score,yaml (10),statefulset (15),parallel (15),"
            + "cache-pvc (20),service (10),works (20),safe (10),seconds,reason";

    /** A grade.json as GradeReport writes it, for an answer that passes all but {@code failing}. */
    private static void gradeJson(Path dir, String name, Criterion failing, double seconds) throws Exception {
        Grade grade = new Grade(Path.of(name), true);
        for (Criterion criterion : Criterion.values()) {
            if (criterion == failing) {
                grade.fail(criterion, "wrong");
            } else {
                grade.verified(criterion, "seen");
            }
            grade.seenOnCluster(criterion);
        }
        grade.took(Duration.ofMillis((long) (seconds * 1000)));
        Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name).resolve("grade.json"), GradeReport.json(grade));
    }

    @Test
    @DisplayName("N grade.json files merge into one row each: name, status, score, each criterion; a missing or"
            + " error grade is a row that says it was not graded")
    void merge(@TempDir Path dir) throws Exception {
        gradeJson(dir, "ada", null, 12.0);
        gradeJson(dir, "bob", Criterion.PARALLEL, 14.0);
        Grade error = new Grade(Path.of("cy"), true);
        error.error("The grader could not use the cluster: connection refused");
        Files.createDirectories(dir.resolve("cy"));
        Files.writeString(dir.resolve("cy").resolve("grade.json"), GradeReport.json(error));
        Files.createDirectories(dir.resolve("dee"));

        List<ClassReport.Row> rows = ClassReport.rows(dir);
        assertThat(rows).extracting(ClassReport.Row::name).containsExactly("ada", "bob", "cy", "dee");
        assertThat(ClassReport.csv(rows)).isEqualTo(HEADER + """

                ada,graded,true,100,100,10,15,15,20,10,20,10,12.0,
                bob,graded,false,85,100,10,15,0,20,10,20,10,14.0,
                cy,error,,,100,,,,,,,,,The grader could not use the cluster: connection refused
                dee,error,,,100,,,,,,,,,no grade.json: the grading of this answer did not finish
                """);
    }

    @Test
    @DisplayName("grades made with another rubric than the run's are not merged: the message names each rubric and its answers")
    void otherRubricsRefused(@TempDir Path dir) throws Exception {
        gradeJson(dir, "ada", null, 12.0);
        Rubric teachers = Rubric.read(LabSettings.get().base().resolve("examples/rubric.yaml"));
        Grade bob = new Grade(Path.of("bob"), true, teachers);
        Files.createDirectories(dir.resolve("bob"));
        Files.writeString(dir.resolve("bob").resolve("grade.json"), GradeReport.json(bob));
        assertThatThrownBy(() -> ClassReport.rows(dir)).isInstanceOf(RubricInvalid.class)
                .hasMessageContaining("not all made with this run's rubric, default (SHA-256 "
                        + Rubric.standard().sha256().substring(0, 12) + ")")
                .hasMessageContaining("rubric.yaml (SHA-256 " + teachers.sha256().substring(0, 12) + ") made bob")
                .hasMessageContaining("-Dlab.rubric");
    }

    @Test
    @DisplayName("an answer the safety gate refused is a row that says so, with the gate's first reason")
    void refusedRow(@TempDir Path dir) throws Exception {
        Grade refused = new Grade(Path.of("eve"), true);
        refused.fail(Criterion.SAFE, new Finding(Path.of("solution/sts.yaml"), 9, "container app is privileged"));
        refused.fail(Criterion.SAFE, "it mounts a hostPath");
        Files.createDirectories(dir.resolve("eve"));
        Files.writeString(dir.resolve("eve").resolve("grade.json"), GradeReport.json(refused));
        List<ClassReport.Row> rows = ClassReport.rows(dir);
        assertThat(ClassReport.csv(rows).lines().skip(1)).singleElement().asString()
                .startsWith("eve,refused,false,0,100,")
                .endsWith(",refused: solution/sts.yaml:9: container app is privileged (and 1 more)");
        assertThat(ClassReport.markdown(rows, null)).contains("Refused by the safety gate")
                .contains("- eve: refused: solution/sts.yaml:9: container app is privileged (and 1 more)");
    }

    @Test
    @DisplayName("an answer whose pushes could not be read is a row for a person to review, with the reason; one the"
            + " class's fetch refused is refused, with its reason; a name that a spreadsheet would run as a formula is"
            + " written as text")
    void reviewAndFormulas(@TempDir Path dir) throws Exception {
        gradeJson(dir, "=HYPERLINK(\"evil.example\")", null, 12.0);
        Files.createDirectories(dir.resolve("dee"));
        Files.writeString(dir.resolve("dee").resolve(ClassReport.REVIEW_FILE), "its pushes could not be read\n");
        Files.createDirectories(dir.resolve("fay"));
        Files.writeString(dir.resolve("fay").resolve(ClassReport.REFUSED_FILE), "solution is a file, not a folder\n");
        List<ClassReport.Row> rows = ClassReport.rows(dir);
        assertThat(ClassReport.csv(rows).lines()).containsExactly(
                HEADER,
                "\"'=HYPERLINK(\"\"evil.example\"\")\",graded,true,100,100,10,15,15,20,10,20,10,12.0,",
                "dee,review,,,100,,,,,,,,,needs review: its pushes could not be read",
                "fay,refused,false,0,100,,,,,,,,,\"refused: solution is a file, not a folder\"");
        assertThat(ClassReport.markdown(rows, null)).contains("1 for a person to review")
                .contains("- dee: needs review: its pushes could not be read");
    }

    @Test
    @DisplayName("class.md: the table, each criterion's pass rate, the charts, the slowest answers and the throughput")
    void markdown(@TempDir Path dir) throws Exception {
        gradeJson(dir, "ada", null, 12.0);
        gradeJson(dir, "bob", Criterion.PARALLEL, 14.0);
        gradeJson(dir, "cy", Criterion.WORKS, 30.0);
        String md = ClassReport.markdown(ClassReport.rows(dir), 60.0);
        assertThat(md).startsWith("# StatefulSets lab exercise: the class\n\n3 answers: 3 graded, 0 refused by the safety"
                        + " gate, 0 for a person to review, 0 not graded (the grader could not run: grade them again). 1 full"
                        + " marks; mean 88.3 / 100.")
                .contains("Grading took 14.0 s per answer (median; 30.0 s the slowest): 180 answers per hour in this run"
                        + " (3 in 60 s).")
                .contains("| bob | graded | no | 85 | ✅ | ✅ | ❌ | ✅ | ✅ | ✅ | ✅ | 14.0s |")
                .contains("| The Pods are created in parallel (podManagementPolicy: Parallel) | 15 | 2 / 3 | 67% |")
                .contains("    bar [0, 0, 0, 0, 2, 1]")
                .contains("pie title Points lost, by criterion\n    \"works\" : 20\n    \"parallel\" : 15\n")
                .contains("## The slowest answers to grade\n\n- cy: 30.0s\n- bob: 14.0s\n- ada: 12.0s\n");
    }

    @Test
    @DisplayName("class.md says where the class's time went, by phase, and each of the slowest answers' slowest phase;"
            + " a phase timed within another counts to itself alone")
    void whereTheTimeWent(@TempDir Path dir) throws Exception {
        Grade slow = new Grade(Path.of("cy"), true);
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        slow.clock(clock::get);
        slow.phase(Phase.PODS.id(), Duration.ofSeconds(20));
        slow.timed(Phase.CHECKS.id(), () -> {
            clock.addAndGet(Duration.ofMillis(50).toNanos()); // the checks' own time
            slow.timed(Phase.HOLD.id(), () -> clock.addAndGet(Duration.ofMillis(300).toNanos())); // the hold's, within
        });
        assertThat(slow.phases().get(Phase.CHECKS.id())).as("the checks' own time").isEqualTo(Duration.ofMillis(50));
        assertThat(slow.phases().get(Phase.HOLD.id())).as("the hold's").isEqualTo(Duration.ofMillis(300));
        slow.took(Duration.ofSeconds(21));
        Files.createDirectories(dir.resolve("cy"));
        Files.writeString(dir.resolve("cy").resolve("grade.json"), GradeReport.json(slow));
        gradeJson(dir, "ada", null, 12.0);
        String md = ClassReport.markdown(ClassReport.rows(dir), 30.0);
        assertThat(md).contains("## Where the time went")
                .contains("| its Pods and claims starting | 20.0s | 98% | 1 | 20.0s |")
                .contains("- cy: 21.0s (its slowest: its Pods and claims starting, 20.0s)")
                .contains("- ada: 12.0s\n");
    }
}

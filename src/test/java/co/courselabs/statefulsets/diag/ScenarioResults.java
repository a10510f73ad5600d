package co.courselabs.statefulsets.diag;

import co.courselabs.statefulsets.progress.Escape;
import co.courselabs.statefulsets.progress.Progress;
import co.courselabs.statefulsets.progress.Reports;
import co.courselabs.statefulsets.settings.LabSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Every test of the run as a person reads it, in the lab's words ({@code @DisplayName}), grouped by
 * lab section, with its outcome and the first line of why it failed: {@code results.md} in the
 * report folder, for a CI job summary. Written when {@code -Dlab.results=FILE} names the file (the
 * pom sets it for the cluster scenarios); registered with the JUnit launcher by ServiceLoader.
 */
public final class ScenarioResults implements TestExecutionListener {

    record Result(String section, String test, String outcome, Duration took, String why) {
    }

    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        started.put(test.getUniqueId(), Instant.now());
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            results.add(new Result(section(test), name(test), "skipped", Duration.ZERO, reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        // a section that fails before its tests (a cluster that cannot be reached) must show too
        if (!test.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return;
        }
        Instant start = started.getOrDefault(test.getUniqueId(), Instant.now());
        String why = result.getThrowable().map(t -> String.valueOf(t.getMessage()).lines().findFirst().orElse(""))
                .orElse("");
        String outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> "passed";
            case ABORTED -> "skipped";
            case FAILED -> "failed";
        };
        results.add(new Result(section(test), test.isTest() ? name(test) : "(the whole " + test.getDisplayName() + ")",
                outcome, Duration.between(start, Instant.now()), why));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        String file = LabSettings.get().resultsFile();
        if (file == null || results.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(Reports.DIR);
            Files.writeString(Reports.DIR.resolve(file.strip()), markdown(List.copyOf(results)));
            Files.writeString(Reports.DIR.resolve("results-annotations.txt"), annotations(List.copyOf(results)));
        } catch (IOException e) {
            Progress.say("cannot write " + file + ": " + e.getMessage());
        }
    }

    static String markdown(List<Result> results) {
        Map<String, List<Result>> bySection = new LinkedHashMap<>();
        results.forEach(r -> bySection.computeIfAbsent(r.section(), s -> new ArrayList<>()).add(r));
        StringBuilder md = new StringBuilder("# Lab scenarios: ").append(count(results, "passed")).append(" passed, ")
                .append(count(results, "failed")).append(" failed, ").append(count(results, "skipped"))
                .append(" skipped\n");
        bySection.forEach((section, tests) -> {
            md.append("\n## ").append(section).append("\n\n| | What the lab says | Took |\n|---|---|---:|\n");
            for (Result r : tests) {
                md.append("| ").append(switch (r.outcome()) {
                    case "passed" -> "✅";
                    case "failed" -> "❌";
                    default -> "⏭️";
                }).append(" | ").append(Escape.markdown(r.test()));
                if (!r.why().isBlank() && !r.outcome().equals("passed")) {
                    md.append("<br>").append(Escape.markdown(r.why().length() > 300 ? r.why().substring(0, 300) + "…" : r.why()));
                }
                md.append(" | ").append(Progress.seconds(r.took())).append(" |\n");
            }
        });
        return md.toString();
    }

    private static final java.util.regex.Pattern SPEC_LINE =
            java.util.regex.Pattern.compile("([^\\s\\[\\]]+\\.(?:ya?ml|json)):(\\d+): ");

    /**
     * A failed test whose message names a spec's file and line (a maintainer's YAML that no longer
     * does what the lab says) as a GitHub annotation on that line, titled with the lab's sentence.
     */
    static String annotations(List<Result> results) {
        StringBuilder out = new StringBuilder();
        int written = 0;
        for (Result r : results) {
            java.util.regex.Matcher at = SPEC_LINE.matcher(r.why());
            if (r.outcome().equals("failed") && at.find() && written++ < 10) {
                out.append("::error file=").append(Escape.workflowProperty(at.group(1))).append(",line=").append(at.group(2))
                        .append(",title=").append(Escape.workflowProperty(r.section() + ": " + r.test())).append("::")
                        .append(Escape.workflowData(r.why())).append('\n');
            }
        }
        return out.toString();
    }

    private static long count(List<Result> results, String outcome) {
        return results.stream().filter(r -> r.outcome().equals(outcome)).count();
    }

    /** The display name of the test's class: the lab section. */
    private String section(TestIdentifier test) {
        for (Optional<TestIdentifier> at = Optional.of(test); at.isPresent(); at = plan.getParent(at.get())) {
            if (at.get().getSource().filter(ClassSource.class::isInstance).isPresent()) {
                return at.get().getDisplayName();
            }
        }
        return "Other";
    }

    /** The test's display name, after its parents' below the class (a parameterised or dynamic test's). */
    private String name(TestIdentifier test) {
        List<String> names = new ArrayList<>();
        for (Optional<TestIdentifier> at = Optional.of(test); at.isPresent()
                && at.get().getSource().filter(ClassSource.class::isInstance).isEmpty(); at = plan.getParent(at.get())) {
            names.add(0, at.get().getDisplayName());
        }
        return String.join(" › ", names);
    }
}

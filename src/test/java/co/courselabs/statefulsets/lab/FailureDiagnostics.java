package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.diag.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * When a scenario fails, collects what the cluster shows into
 * {@code target/lab-report/diagnostics/<scenario>/} and puts the lines that explain the failure
 * into the failure message itself.
 */
public final class FailureDiagnostics implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw explained(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw explained(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw explained(context, failure);
    }

    private static Throwable explained(ExtensionContext context, Throwable failure) {
        LabHandle lab = LabExtension.handle(context);
        if (failure instanceof TestAbortedException || !lab.isStarted()) {
            return failure;
        }
        Path dir = Lab.REPORT_DIR.resolve("diagnostics").resolve(folderName(context));
        List<String> lines = new Diagnostics(lab.get().kube()).collect(dir);
        String message = String.valueOf(failure.getMessage())
                + "\n\nThe lab says: " + labSentence(context)
                + "\nWhat the cluster shows:"
                + (lines.isEmpty() ? "\n  every Pod of the lab is Ready; no warning events" : "\n  " + String.join("\n  ", lines))
                + "\n(diagnostics: " + Lab.REPORT_DIR.getParent().getParent().relativize(dir) + ")";
        AssertionError explained = new AssertionError(message, failure);
        explained.setStackTrace(failure.getStackTrace());
        return explained;
    }

    /**
     * The section and the sentence, as the lab's text and the tests' @DisplayNames put them: the
     * class's name, then each level below it (a parameterised test's sentence, then its case).
     */
    private static String labSentence(ExtensionContext context) {
        java.util.LinkedList<String> names = new java.util.LinkedList<>();
        for (ExtensionContext at = context; at.getTestMethod().isPresent(); at = at.getParent().orElseThrow()) {
            names.addFirst(at.getDisplayName());
        }
        String section = context.getRequiredTestClass().getAnnotation(org.junit.jupiter.api.DisplayName.class) == null
                ? context.getRequiredTestClass().getSimpleName()
                : context.getRequiredTestClass().getAnnotation(org.junit.jupiter.api.DisplayName.class).value();
        return section + ": " + String.join(" › ", names);
    }

    private static String folderName(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName()
                + context.getTestMethod().map(m -> "." + m.getName()).orElse("");
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

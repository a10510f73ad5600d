package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.cluster.ClusterUnavailable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives scenarios the run's {@link Lab} (started when the first one asks), and ends the lab when
 * the whole test run ends, pass or fail. A class that starts the lab itself (the grader, which
 * turns a cluster that cannot be reached into a grade of its own) still has it ended here.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store is closed when the whole run ends: that is when the lab is cleaned up.
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("lab", key -> new Finisher());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return Lab.get();
        } catch (ClusterUnavailable | LabFolderInvalid e) {
            // the sentence says it all: JUnit would wrap it in a trace through its own internals
            ParameterResolutionException sentence = new ParameterResolutionException(e.getMessage());
            sentence.setStackTrace(new StackTraceElement[0]);
            throw sentence;
        }
    }

    private static final class Finisher implements AutoCloseable {
        @Override
        public void close() {
            if (Lab.isStarted()) {
                Lab.get().finish();
            }
        }
    }
}

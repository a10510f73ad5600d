package co.courselabs.statefulsets.lab;

import co.courselabs.statefulsets.cluster.ClusterUnavailable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the run's {@link Lab} (started when the first one asks) or its {@link LabHandle},
 * from JUnit's root store; the root store is closed when the whole test run ends, pass or fail,
 * and that ends the lab.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        handle(context);
    }

    /** The run's one handle, made on first use. */
    static LabHandle handle(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent("lab", key -> new LabHandle(),
                LabHandle.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Lab.class || type == LabHandle.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == LabHandle.class) {
            return handle(context);
        }
        try {
            return handle(context).get();
        } catch (ClusterUnavailable | LabFolderInvalid e) {
            // the sentence says it all: JUnit would wrap it in a trace through its own internals
            ParameterResolutionException sentence = new ParameterResolutionException(e.getMessage());
            sentence.setStackTrace(new StackTraceElement[0]);
            throw sentence;
        }
    }
}

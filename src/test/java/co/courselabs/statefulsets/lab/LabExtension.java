package co.courselabs.statefulsets.lab;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives scenarios the run's {@link Lab}, and ends the run's lab when the whole test run ends, pass
 * or fail.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        lab(context);
    }

    private static Lab lab(ExtensionContext context) {
        Lab lab = Lab.get();
        // The root store is closed when the whole run ends: that is when the lab is cleaned up.
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("lab", key -> new Finisher(lab));
        return lab;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return lab(context);
    }

    private record Finisher(Lab lab) implements AutoCloseable {
        @Override
        public void close() {
            lab.finish();
        }
    }
}

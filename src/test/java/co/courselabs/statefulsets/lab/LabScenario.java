package co.courselabs.statefulsets.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A section of the lab: its steps run in the lab's order on one shared cluster, and a failure
 * comes with what the cluster showed. (A run with {@code -Dlab.solution} does not select these
 * classes: the pom's {@code grade} profile runs the grading classes only.)
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith({LabExtension.class, FailureDiagnostics.class})
public @interface LabScenario {
}

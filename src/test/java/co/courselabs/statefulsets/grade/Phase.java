package co.courselabs.statefulsets.grade;

import java.util.Arrays;
import java.util.Optional;

/**
 * The phases of one answer's grading, in their order: where its time goes (grade.json's
 * {@code phasesSeconds}, the class report's "where the time went", bench/class's table).
 */
public enum Phase {

    GATE("gate", "the safety gate and the YAML's checks"),
    NAMESPACE("namespace", "its namespace, fenced"),
    STARTING_POINT("starting-point", "the starting point deployed into it"),
    APPLY("apply", "the answer applied"),
    PODS("pods", "its Pods and claims starting"),
    CHECKS("checks", "the checks: claims, Service, pages, cache"),
    HOLD("hold", "the stability hold"),
    DIAGNOSTICS("diagnostics", "what the cluster showed, collected"),
    CLEANUP("cleanup", "its namespace removed");

    private final String id;
    private final String label;

    Phase(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<Phase> of(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}

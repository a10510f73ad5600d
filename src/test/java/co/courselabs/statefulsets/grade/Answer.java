package co.courselabs.statefulsets.grade;

import co.courselabs.statefulsets.lab.LabSpecs;
import co.courselabs.statefulsets.settings.LabSettings;
import java.nio.file.Path;

/**
 * A student's answer: its folder, and the folder it was handed in within (a student's repository, a
 * class's folder of answers). Nothing between the two may be a symbolic link, nor the answer itself:
 * a link would have the grader read somebody else's files as the student's work.
 */
public record Answer(Path folder, Path root) {

    public Answer {
        folder = folder.toAbsolutePath().normalize();
        root = root == null ? folder.getParent() : root.toAbsolutePath().normalize();
    }

    /** An answer with nothing known around it: only the folder itself and what it holds are checked. */
    public static Answer of(Path folder) {
        return new Answer(folder, null);
    }

    /**
     * {@code -Dlab.solution=DIR}, handed in within {@code -Dlab.solution.root=DIR} when given (the
     * action gives the student's repository), else our reference solution.
     */
    public static Answer toGrade() {
        String root = LabSettings.get().solutionRoot();
        return new Answer(LabSpecs.solutionToGrade(), root == null ? null : Path.of(root));
    }

    /** The answer's name, for reports: its folder's name. */
    public String name() {
        return folder.getFileName().toString();
    }
}

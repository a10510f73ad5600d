package co.courselabs.statefulsets.grade.report;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who and what a Classroom 50 submission is, as its runner gives it to an autograder in the
 * environment: the identity every {@code classroom50/result/v1} result must carry. Empty when a
 * field the schema requires is missing: a result without it would be refused by the gradebook.
 */
record Classroom50(String classroom, String assignment, String assignmentType, String owner, String submission,
        String commit, String release, String review) {

    static final String SCHEMA = "classroom50/result/v1";

    static Optional<Classroom50> from(Map<String, String> env) {
        String commit = first(env, "COMMIT_URL");
        if (commit == null && present(env, "GITHUB_SHA") && present(env, "GITHUB_REPOSITORY")) {
            commit = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/" + env.get("GITHUB_REPOSITORY")
                    + "/commit/" + env.get("GITHUB_SHA");
        }
        String submission = first(env, "SUBMISSION_TAG");
        Classroom50 identity = new Classroom50(first(env, "CLASSROOM"), first(env, "ASSIGNMENT"),
                assignmentType(env.get("ASSIGNMENT_TYPE"), env.get("MODE")), first(env, "USERNAME", "OWNER"), submission, commit,
                first(env, "RELEASE_URL"), first(env, "REVIEW_URL") != null ? first(env, "REVIEW_URL") : commit);
        boolean whole = identity.classroom() != null && identity.assignment() != null && identity.owner() != null
                && submission != null && submission.startsWith("submit/") && commit != null
                && identity.release() != null;
        return whole ? Optional.of(identity) : Optional.empty();
    }

    /**
     * The assignment's type as the schema names it: the runner's ASSIGNMENT_TYPE (individual, group or
     * team) where it gives one, else the job's MODE (group, or individual); individual when neither
     * says, the strictest, as the runner defaults.
     */
    static String assignmentType(String runnerType, String mode) {
        String type = runnerType == null ? "" : runnerType.strip().toLowerCase(Locale.ROOT);
        if (java.util.Set.of("individual", "group", "team").contains(type)) {
            return type;
        }
        return mode != null && mode.strip().toLowerCase(Locale.ROOT).equals("group") ? "group" : "individual";
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            if (present(env, name)) {
                return env.get(name).strip();
            }
        }
        return null;
    }

    private static boolean present(Map<String, String> env, String name) {
        return env.get(name) != null && !env.get(name).isBlank();
    }
}

package co.courselabs.statefulsets.grade.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The commit an answer was graded at, as git says it in the answer's repository: its committer
 * date is Classroom 50's submission instant, the same at every regrade of that commit.
 */
final class GradedCommit {

    private GradedCommit() {
    }

    /** The committer date of the commit checked out where {@code folder} is, or empty (no git, no repository). */
    static Optional<Instant> committerDate(Path folder) {
        // the repository is the student's: no pager, no fsmonitor, no configuration of theirs runs a command
        ProcessBuilder git = new ProcessBuilder("git", "-c", "core.fsmonitor=false", "-c", "safe.directory=*",
                "--no-pager", "-C", folder.toString(), "log", "-1", "--format=%ct", "HEAD").redirectErrorStream(true);
        git.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        try {
            Process process = git.start();
            byte[] out = process.getInputStream().readNBytes(256);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(new String(out, StandardCharsets.UTF_8).strip())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

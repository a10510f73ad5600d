package co.courselabs.statefulsets.grade.answer;

import co.courselabs.statefulsets.grade.Answer;
import co.courselabs.statefulsets.grade.Finding;
import co.courselabs.statefulsets.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the grader refuses to read in an answer's folder, before reading any of it: symbolic links
 * (anywhere in it, or on the way to it), and more files or bytes than an answer to this exercise
 * could need. Each refusal names the file.
 */
public final class AnswerFiles {

    /** Spec files in the folder (the exercise needs two). */
    static final int MAX_SPEC_FILES = 20;
    static final long MAX_FILE_BYTES = 256 * 1024;
    static final long MAX_TOTAL_BYTES = 1024 * 1024;
    /** Everything in the folder, sub-folders included (they are not read, but they are looked at for links). */
    static final int MAX_ENTRIES = 500;
    private static final List<String> SPEC_EXTENSIONS = List.of(".yaml", ".yml", ".json");

    private AnswerFiles() {
    }

    static List<Finding> refusals(Answer answer) {
        List<Finding> refusals = new ArrayList<>(linksOnTheWay(answer));
        if (refusals.isEmpty() && Files.isRegularFile(answer.folder(), LinkOption.NOFOLLOW_LINKS)) {
            return List.of(new Finding(answer.folder(), 0, SpecException.display(answer.folder()) + " is a file, not a"
                    + " folder: an answer is a folder of YAML files (put the file in one)"));
        }
        if (!refusals.isEmpty() || !Files.isDirectory(answer.folder(), LinkOption.NOFOLLOW_LINKS)) {
            return refusals; // a folder that is not there is the YAML criterion's to say
        }
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(answer.folder())) { // links are not followed
            entries = walk.skip(1).limit(MAX_ENTRIES + 1L).toList();
        } catch (IOException e) {
            return List.of(Finding.general("the folder " + SpecException.display(answer.folder())
                    + " cannot be read: " + e.getMessage()));
        }
        if (entries.size() > MAX_ENTRIES) {
            return List.of(Finding.general("the folder holds more than " + MAX_ENTRIES + " files and folders: an answer"
                    + " is a few YAML files"));
        }
        long total = 0;
        int specFiles = 0;
        for (Path entry : entries) {
            if (Files.isSymbolicLink(entry)) {
                refusals.add(new Finding(entry, 0, link(entry)));
            } else if (isSpecFile(answer, entry)) {
                specFiles++;
                long size = size(entry);
                total += size;
                if (size > MAX_FILE_BYTES) {
                    refusals.add(new Finding(entry, 0, "the file is " + size / 1024 + " KiB: the grader reads spec files"
                            + " of up to " + MAX_FILE_BYTES / 1024 + " KiB (an answer's are a few)"));
                }
            }
        }
        if (specFiles > MAX_SPEC_FILES) {
            refusals.add(Finding.general("the folder has " + specFiles + " YAML and JSON files: the grader reads up to "
                    + MAX_SPEC_FILES));
        }
        if (total > MAX_TOTAL_BYTES) {
            refusals.add(Finding.general("the folder's YAML and JSON files hold " + total / 1024 + " KiB: the grader"
                    + " reads up to " + MAX_TOTAL_BYTES / 1024 + " KiB in all"));
        }
        return refusals;
    }

    /**
     * Whether a spec file of the answer's (a regular YAML or JSON file directly in its folder, within
     * the size the grader reads) holds one of {@code words}: a hint, read as text and never parsed,
     * for ordering a class's work. False for anything it cannot read.
     */
    public static boolean mentions(Answer answer, List<String> words) {
        if (!Files.isDirectory(answer.folder(), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> files = Files.list(answer.folder())) {
            return files.limit(MAX_ENTRIES).filter(f -> isSpecFile(answer, f) && size(f) <= MAX_FILE_BYTES)
                    .anyMatch(f -> {
                        try {
                            String text = Files.readString(f);
                            return words.stream().anyMatch(text::contains);
                        } catch (IOException | java.io.UncheckedIOException e) {
                            return false;
                        }
                    });
        } catch (IOException e) {
            return false;
        }
    }

    /** The answer folder itself, and every folder between where it was handed in and it, must be real folders. */
    private static List<Finding> linksOnTheWay(Answer answer) {
        List<Finding> links = new ArrayList<>();
        Path folder = answer.folder();
        Path at = answer.root() != null && folder.startsWith(answer.root()) ? answer.root() : folder.getParent();
        for (Path step : at == null ? List.of(folder) : List.copyOf(iterable(at.relativize(folder)))) {
            at = at == null ? step : at.resolve(step);
            if (Files.isSymbolicLink(at)) {
                links.add(new Finding(at, 0, link(at)));
            }
        }
        return links;
    }

    private static List<Path> iterable(Path relative) {
        List<Path> steps = new ArrayList<>();
        relative.forEach(steps::add);
        return steps;
    }

    private static String link(Path path) {
        String target;
        try {
            target = Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            target = "somewhere";
        }
        return SpecException.display(path) + " is a symbolic link (to " + target + "): the grader reads only the"
                + " answer's own files, never what a link points to. Put the files themselves in the answer";
    }

    /** What kubectl apply -f FOLDER reads: the YAML and JSON files directly in it. */
    private static boolean isSpecFile(Answer answer, Path entry) {
        String name = entry.getFileName().toString().toLowerCase(Locale.ROOT);
        return answer.folder().equals(entry.getParent()) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                && SPEC_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}

package co.courselabs.statefulsets.spec;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads spec files the way {@code kubectl apply -f} finds them: a file, or every {@code .yaml},
 * {@code .yml} and {@code .json} file directly in a folder (sub-folders are not read), in name order,
 * each possibly holding several documents. The YAML is treated as untrusted data: only plain
 * types are built, duplicate keys are refused, and so are aliases (an alias of a long string, used
 * many times, expands to hundreds of megabytes when sent to the API) and more than
 * {@value #MAX_DOCUMENTS} objects in one read.
 */
public final class SpecReader {

    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");
    /** Far more than the exercise needs (two) and the lab's biggest folder (four). */
    public static final int MAX_DOCUMENTS = 40;

    private SpecReader() {
    }

    public static List<SpecDocument> read(Path fileOrFolder) {
        List<SpecDocument> documents = new ArrayList<>();
        for (Path file : specFiles(fileOrFolder)) {
            documents.addAll(readFile(file));
            if (documents.size() > MAX_DOCUMENTS) {
                throw new SpecRefused(file, 0, "more than " + MAX_DOCUMENTS + " objects: the exercise needs two or three,"
                        + " and the grader reads no more than " + MAX_DOCUMENTS);
            }
        }
        return documents;
    }

    /** The files {@code kubectl apply -f PATH} would read. */
    public static List<Path> specFiles(Path fileOrFolder) {
        if (Files.isRegularFile(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        if (!Files.isDirectory(fileOrFolder)) {
            throw new SpecException(fileOrFolder, 0, "no such file or folder");
        }
        try (Stream<Path> entries = Files.list(fileOrFolder)) {
            List<Path> files = entries
                    .filter(Files::isRegularFile)
                    .filter(f -> EXTENSIONS.stream().anyMatch(ext -> f.getFileName().toString().endsWith(ext)))
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new SpecException(fileOrFolder, 0,
                        "no .yaml, .yml or .json files here (sub-folders are not read, as with kubectl apply -f)");
            }
            return files;
        } catch (IOException e) {
            throw new SpecException(fileOrFolder, 0, "cannot list the folder: " + e.getMessage());
        }
    }

    public static List<SpecDocument> readFile(Path file) {
        return parse(file, (text, yaml, constructor) -> {
            List<SpecDocument> documents = new ArrayList<>();
            for (Node node : yaml.composeAll(new StringReader(text))) {
                if (node == null || isEmpty(node)) {
                    continue;
                }
                addObjects(file, node, constructor, documents);
            }
            return documents;
        });
    }

    /**
     * A settings file of ours (a teacher's rubric): one YAML mapping, read with an answer's limits (no
     * aliases, {@code maxBytes} at most), its lines kept for the messages. Faults as a {@link SpecException}.
     */
    public static SpecDocument readMapping(Path file, long maxBytes) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new SpecException(file, 0, "there is no such file");
            }
            if (Files.size(file) > maxBytes) {
                throw new SpecException(file, 0, "the file holds " + Files.size(file) / 1024 + " KiB: it may hold "
                        + maxBytes / 1024 + " KiB at most");
            }
        } catch (IOException e) {
            throw new SpecException(file, 0, "cannot read the file: " + e.getMessage());
        }
        return parse(file, (text, yaml, constructor) -> {
            Node node = yaml.compose(new StringReader(text));
            if (!(node instanceof MappingNode)) {
                throw new SpecException(file, node == null ? 0 : node.getStartMark().getLine() + 1,
                        "the file must be a YAML mapping (keys and values), not " + (node == null ? "empty" : "a "
                        + node.getNodeId()));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) constructor.construct(node);
            return new SpecDocument(file, node, content);
        });
    }

    /** What is built from a file's text, once its aliases are refused. */
    private interface Parse<T> {
        T from(String text, Yaml yaml, PlainConstructor constructor);
    }

    /** Reads the file as UTF-8 YAML within our limits; every fault of it a {@link SpecException} on its line. */
    private static <T> T parse(Path file, Parse<T> parse) {
        PlainConstructor constructor = new PlainConstructor(loaderOptions());
        Yaml yaml = new Yaml(constructor, new Representer(new DumperOptions()), new DumperOptions(), loaderOptions());
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            refuseAliases(file, yaml, text);
            return parse.from(text, yaml, constructor);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new SpecException(file, mark == null ? 0 : mark.getLine() + 1, "YAML error: " + describe(e));
        } catch (YAMLException e) {
            throw new SpecException(file, 0, "YAML error: " + e.getMessage());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new SpecException(file, 0, "the file is not UTF-8 text");
        } catch (IOException e) {
            throw new SpecException(file, 0, "cannot read the file: " + e.getMessage());
        }
    }

    /**
     * Kubernetes objects never need an alias ({@code *name}); an answer that uses one is refused
     * before anything is built from it, whatever the alias stands for (a scalar too).
     */
    private static void refuseAliases(Path file, Yaml yaml, String text) {
        for (Event event : yaml.parse(new StringReader(text))) {
            if (event instanceof AliasEvent alias) {
                throw new SpecRefused(file, alias.getStartMark().getLine() + 1, "a YAML alias (*" + alias.getAnchor()
                        + "): the grader does not expand aliases (one can stand for megabytes); write the value out");
            }
        }
    }

    private static void addObjects(Path file, Node node, PlainConstructor constructor, List<SpecDocument> out) {
        int line = node.getStartMark().getLine() + 1;
        if (!(node instanceof MappingNode mapping)) {
            throw new SpecException(file, line, "a document must be a Kubernetes object (a mapping with apiVersion,"
                    + " kind and metadata), not a " + node.getNodeId());
        }
        Object value = constructor.construct(node);
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) value;
        SpecDocument document = new SpecDocument(file, node, content);
        if (document.kind() == null || document.apiVersion() == null) {
            throw new SpecException(file, line, "the object has no " + (document.kind() == null ? "kind" : "apiVersion"));
        }
        if ("List".equals(document.kind())) {
            Node items = valueNode(mapping, "items");
            if (items instanceof SequenceNode sequence) {
                sequence.getValue().forEach(item -> addObjects(file, item, constructor, out));
            }
            return;
        }
        if (document.name() == null || document.name().isBlank()) {
            throw new SpecException(file, document.lineOf("metadata", "name"), document.kind() + " has no metadata.name");
        }
        out.add(document);
    }

    private static Node valueNode(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && key.equals(scalar.getValue())) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    private static boolean isEmpty(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        return e.getContext() == null ? problem : e.getContext() + ", " + problem;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setCodePointLimit(2_000_000);
        return options;
    }

    /**
     * Builds plain maps, lists and scalars like Kubernetes' own YAML reader: timestamps stay text
     * (the API wants strings there), everything else follows YAML 1.1 as kubectl does (so {@code 0500}
     * is octal and {@code yes} is a boolean).
     */
    private static final class PlainConstructor extends SafeConstructor {
        PlainConstructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }

        Object construct(Node node) {
            return constructDocument(node);
        }
    }
}

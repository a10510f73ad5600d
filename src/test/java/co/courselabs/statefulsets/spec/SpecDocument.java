package co.courselabs.statefulsets.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One Kubernetes object from a YAML file: its plain content plus where each field was written,
 * so that a fault can be reported as {@code file:line}.
 */
public final class SpecDocument {

    private final Path file;
    private final Node node;
    private final Map<String, Object> content;

    SpecDocument(Path file, Node node, Map<String, Object> content) {
        this.file = file;
        this.node = node;
        this.content = content;
    }

    public Path file() {
        return file;
    }

    /** The object as plain maps, lists and scalars (read-only by convention: copy before changing). */
    public Map<String, Object> content() {
        return content;
    }

    public String apiVersion() {
        return text("apiVersion");
    }

    public String kind() {
        return text("kind");
    }

    public String name() {
        return text("metadata", "name");
    }

    /** The namespace written in the file, or null when the file leaves it to the client. */
    public String namespace() {
        return text("metadata", "namespace");
    }

    /** {@code kind/name}, as kubectl prints it. */
    public String ref() {
        return kind() + "/" + name();
    }

    /**
     * This object changed by {@code change}, which gets a deep copy of its content: the same file and
     * lines, for messages about it.
     */
    public SpecDocument changed(Consumer<Map<String, Object>> change) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) Values.copy(content);
        change.accept(copy);
        return new SpecDocument(file, node, copy);
    }

    /** The value at a path of map keys and list indexes, e.g. {@code at("spec", "template", "spec")}. */
    public Optional<Object> at(Object... path) {
        return Optional.ofNullable(Values.at(content, path));
    }

    public String text(Object... path) {
        Object value = Values.at(content, path);
        return value == null ? null : String.valueOf(value);
    }

    /** The line of the deepest field of the path that exists in the file (1-based). */
    public int lineOf(Object... path) {
        Node current = node;
        int line = current.getStartMark().getLine() + 1;
        for (Object step : path) {
            Node next = null;
            if (current instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(String.valueOf(step))) {
                        line = key.getStartMark().getLine() + 1;
                        next = tuple.getValueNode();
                    }
                }
            } else if (current instanceof SequenceNode sequence && step instanceof Integer index
                    && index < sequence.getValue().size()) {
                next = sequence.getValue().get(index);
                line = next.getStartMark().getLine() + 1;
            }
            if (next == null) {
                return line;
            }
            current = next;
        }
        return line;
    }

    /** {@code file:line} of a field, for messages. */
    public String where(Object... path) {
        return SpecException.location(file, lineOf(path));
    }

    /** Small helpers for reading plain YAML values without casts all over the callers. */
    public static final class Values {
        private Values() {
        }

        public static Object at(Object root, Object... path) {
            Object current = root;
            for (Object step : path) {
                if (current instanceof Map<?, ?> map) {
                    current = map.get(String.valueOf(step));
                } else if (current instanceof List<?> list && step instanceof Integer index && index < list.size()) {
                    current = list.get(index);
                } else {
                    return null;
                }
            }
            return current;
        }

        /** A deep copy of plain maps and lists, each string passed through {@code strings}. */
        public static Object copy(Object value, UnaryOperator<String> strings) {
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v, strings)));
                return copy;
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>();
                list.forEach(v -> copy.add(copy(v, strings)));
                return copy;
            }
            return value instanceof String text ? strings.apply(text) : value;
        }

        public static Object copy(Object value) {
            return copy(value, UnaryOperator.identity());
        }

        @SuppressWarnings("unchecked")
        public static List<Object> list(Object root, Object... path) {
            return at(root, path) instanceof List<?> list ? (List<Object>) list : List.of();
        }

        @SuppressWarnings("unchecked")
        public static Map<String, Object> map(Object root, Object... path) {
            return at(root, path) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }
    }
}

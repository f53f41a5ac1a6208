package io.legate.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Typed reads of the fields of one YAML mapping. A field of the wrong type is an error naming it,
 * and reads as absent, so that one mistake is reported once and checking goes on.
 * A YAML {@code null} ({@code rewrite:} with nothing after it) reads as absent.
 */
final class SpecFields {

    /** The warning for what Emissary defines and Legate stores without acting on it. */
    static final String NO_EFFECT = "has no effect in Legate (kept as written)";

    private final JsonNode node;
    private final String path;
    private final Problems problems;

    /** @param path the field path of {@code node}, e.g. {@code spec}; empty for a whole document */
    SpecFields(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Where these fields are, e.g. {@code spec.config}. */
    String path() {
        return path;
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The fields of a nested mapping, or null (with an error when it is there but not a mapping). */
    SpecFields object(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            return wrongType(name, value, "a mapping");
        }
        return new SpecFields(value, field(name), problems);
    }

    /** The raw value of any type, or null. */
    JsonNode present(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    String string(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        return value.isTextual() ? value.textValue() : wrongType(name, value, "a string");
    }

    boolean bool(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            wrongType(name, value, "true or false");
            return false;
        }
        return value.booleanValue();
    }

    OptionalInt integer(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            wrongType(name, value, "an integer");
            return OptionalInt.empty();
        }
        return OptionalInt.of(value.intValue());
    }

    OptionalInt nonNegative(String name) {
        OptionalInt value = integer(name);
        if (value.isPresent() && value.getAsInt() < 0) {
            problems.error(field(name), value.getAsInt() + " (expected: >= 0)");
            return OptionalInt.empty();
        }
        return value;
    }

    /** A list of strings; a single string reads as a list of one, as Emissary allows. */
    List<String> strings(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            wrongType(name, value, "a string or a list of strings");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isTextual()) {
                result.add(item.textValue());
            } else {
                problems.error(field(name) + "[" + i + "]", "expected a string, got " + describe(item));
            }
        }
        return List.copyOf(result);
    }

    /** The fields of each mapping of a list, e.g. {@code spec.health_checks[0]}; an error for an item of another type. */
    List<SpecFields> objects(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            wrongType(name, value, "a list");
            return List.of();
        }
        List<SpecFields> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = field(name) + "[" + i + "]";
            if (item.isObject()) {
                result.add(new SpecFields(item, itemPath, problems));
            } else {
                problems.error(itemPath, "expected a mapping, got " + describe(item));
            }
        }
        return List.copyOf(result);
    }

    /** A mapping of names to strings, in document order. */
    Map<String, String> stringMap(String name) {
        SpecFields map = object(name);
        if (map == null) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<String> names = map.node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            String value = map.string(key);
            if (value != null) {
                result.put(key, value);
            }
        }
        return result;
    }

    Iterator<String> names() {
        return node.fieldNames();
    }

    /**
     * Warns about every field Legate does not act on, never dropping it: a field of Emissary's that is not
     * {@code actedOn} has no effect in Legate; a field Emissary does not have either is unknown.
     *
     * @param emissaryFields the fields Emissary defines here ({@link EmissaryFields})
     */
    void reportIgnored(Set<String> actedOn, Set<String> emissaryFields) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (actedOn.contains(name)) {
                continue;
            }
            if (emissaryFields.contains(name)) {
                problems.warning(field(name), NO_EFFECT);
            } else {
                problems.warning(field(name), "unknown field (kept, but has no effect)");
            }
        }
    }

    /** Reports {@code name} as an error and returns null, which every caller reads as "absent". */
    <T> T wrongType(String name, JsonNode value, String expected) {
        problems.error(field(name), "expected " + expected + ", got " + describe(value));
        return null;
    }

    void error(String name, String message) {
        problems.error(field(name), message);
    }

    /** An error at a field path given whole, e.g. {@code stringData.tls.key}. */
    void problemAt(String field, String message) {
        problems.error(field, message);
    }

    void warning(String name, String message) {
        problems.warning(field(name), message);
    }

    static String describe(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case STRING -> "\"" + value.textValue() + "\"";
            case NUMBER, BOOLEAN -> value.asText();
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }
}

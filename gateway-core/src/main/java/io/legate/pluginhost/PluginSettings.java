package io.legate.pluginhost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.legate.plugin.PluginFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds a plugin's settings record from YAML or JSON with {@code snake_case} names, and has the plugin validate
 * them. Problems are sentences that start with the field path inside the settings, so that the resource reader
 * can prefix where the settings were written.
 */
public final class PluginSettings {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Settings, or the problems that kept them from being made. */
    public record Bound(Record settings, List<String> problems) {

        public Bound {
            problems = List.copyOf(problems);
        }

        public boolean isValid() {
            return settings != null;
        }
    }

    private PluginSettings() {
    }

    /** The settings of {@code plugin} written as {@code node}, which is an object. */
    public static Bound bind(LoadedPlugin plugin, JsonNode node) {
        Record settings;
        try {
            settings = MAPPER.treeToValue(node, plugin.factory().settingsType());
        } catch (JsonProcessingException e) {
            return new Bound(null, List.of(describe(e)));
        } catch (RuntimeException e) {
            return new Bound(null, List.of("cannot be read by plugin " + plugin + ": " + e));
        }
        List<String> problems = new ArrayList<>();
        try {
            problems.addAll(validate(plugin.factory(), settings));
        } catch (RuntimeException e) {
            problems.add("plugin " + plugin + " failed to validate them: " + e);
        }
        return new Bound(problems.isEmpty() ? settings : null, problems);
    }

    /** The names the settings of {@code plugin} are written with: its record's components, in snake_case. */
    public static Set<String> names(LoadedPlugin plugin) {
        PropertyNamingStrategies.NamingBase snakeCase = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        return Arrays.stream(plugin.factory().settingsType().getRecordComponents())
                .map(component -> snakeCase.translate(component.getName()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The settings {@code plugin} gets where nothing configures it. */
    public static Bound defaults(LoadedPlugin plugin) {
        return bind(plugin, JsonNodeFactory.instance.objectNode());
    }

    @SuppressWarnings("unchecked")
    private static <S extends Record> List<String> validate(PluginFactory<S> factory, Record settings) {
        return factory.validate((S) settings);
    }

    private static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException mapping ? path(mapping) : "";
        String prefix = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException unknown) {
            return prefix + "unknown setting (expected one of " + unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
        }
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return prefix + invalid.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return prefix + "expected " + expected(mismatch.getTargetType());
        }
        return prefix + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping";
    }
}

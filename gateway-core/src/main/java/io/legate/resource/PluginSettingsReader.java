package io.legate.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legate.pluginhost.LoadedPlugin;
import io.legate.pluginhost.PluginRegistry;
import io.legate.pluginhost.PluginSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the plugin settings written in one resource: the objects under a section keyed by plugin name
 * ({@code spec.config.<name>} of the Module, {@code spec.plugins.<name>} of a Mapping), each joined with the
 * top-level keys that plugin claims, then bound and validated by the plugin. A name no loaded plugin has is an
 * error: a setting that cannot take effect must not pass as if it did. Read tolerantly (what was written before
 * this start), it is a warning and the name is kept in {@link #missing()}: the resource loads, but is not served
 * without the plugin.
 */
final class PluginSettingsReader {

    private final PluginRegistry registry;
    private final Function<String, Optional<LoadedPlugin>> claims;
    private final boolean missingTolerated;
    private final List<String> missing = new ArrayList<>();

    /**
     * @param claims           the plugin claiming a top-level key of the resource, if any
     * @param missingTolerated whether a name no loaded plugin has is only warned about and kept in {@link #missing()}
     */
    PluginSettingsReader(PluginRegistry registry, Function<String, Optional<LoadedPlugin>> claims,
                         boolean missingTolerated) {
        this.registry = registry;
        this.claims = claims;
        this.missingTolerated = missingTolerated;
    }

    PluginRegistry registry() {
        return registry;
    }

    /**
     * The bound settings by plugin name, for the plugins the resource configures.
     *
     * @param section  the section keyed by plugin name, or null
     * @param claimed  the fields holding the claimed keys
     * @param reserved keys of {@code section} that are not plugin names (the Module's own Emissary keys)
     */
    Map<String, Record> read(SpecFields section, SpecFields claimed, Set<String> reserved) {
        Map<String, ObjectNode> written = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        if (section != null) {
            for (Iterator<String> names = section.names(); names.hasNext(); ) {
                String name = names.next();
                if (reserved.contains(name) || claims.apply(name).isPresent() && section == claimed) {
                    continue;
                }
                Optional<LoadedPlugin> plugin = registry.named(name);
                if (plugin.isEmpty()) {
                    String message = "no plugin named '" + name + "' is loaded (loaded: " + loadedNames() + ")";
                    if (missingTolerated) {
                        section.warning(name, message + "; the requests of this resource are refused (503) until it is");
                        missing.add(name);
                    } else {
                        section.error(name, message);
                    }
                    continue;
                }
                JsonNode value = section.present(name);
                if (value != null && !value.isObject()) {
                    section.wrongType(name, value, "a mapping of the plugin's settings");
                    continue;
                }
                written.put(name, value == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) value.deepCopy());
                fields.put(name, section.field(name));
            }
        }
        for (Iterator<String> keys = claimed.names(); keys.hasNext(); ) {
            String key = keys.next();
            Optional<LoadedPlugin> plugin = claims.apply(key);
            JsonNode value = claimed.present(key);
            if (plugin.isEmpty() || value == null) {
                continue;
            }
            ObjectNode settings = written.computeIfAbsent(plugin.get().name(), n -> JsonNodeFactory.instance.objectNode());
            fields.putIfAbsent(plugin.get().name(), claimed.path());
            if (settings.has(key)) {
                claimed.error(key, "also set under the plugin's own name '" + plugin.get().name() + "': set it once");
            } else {
                settings.set(key, value);
            }
        }
        Map<String, Record> bound = new LinkedHashMap<>();
        written.forEach((name, node) -> {
            PluginSettings.Bound result = PluginSettings.bind(registry.named(name).orElseThrow(), node);
            result.problems().forEach(problem -> claimed.problemAt(fields.get(name), problem));
            if (result.isValid()) {
                bound.put(name, result.settings());
            }
        });
        return bound;
    }

    /** The plugins the resource configures that are not loaded (read tolerantly), in the order written. */
    List<String> missing() {
        return List.copyOf(missing);
    }

    private String loadedNames() {
        String names = registry.plugins().stream().map(LoadedPlugin::name).collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }
}

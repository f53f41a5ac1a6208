package io.legate.resource;

import io.legate.resource.model.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legate.pluginhost.LoadedPlugin;
import io.legate.pluginhost.PluginRegistry;
import io.legate.pluginhost.PluginSettings;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code spec} of a kind a plugin claims into that plugin's settings. A field the settings do not have
 * is a warning, as on every resource (Emissary defines fields a plugin may not act on); a wrong value is an error.
 */
final class PluginResourceReader {

    private PluginResourceReader() {
    }

    /**
     * The settings, or null when they have an error. When no loaded plugin claims {@code kind}, that is an error,
     * or, for what was written before this start ({@code missingTolerated}), a warning and a spec without plugin:
     * the resource then refuses every request rather than let it through unchecked.
     */
    static TypedSpec read(ResourceKind kind, JsonNode spec, Problems problems, PluginRegistry plugins,
                          boolean missingTolerated) {
        Optional<LoadedPlugin> plugin = plugins.claimingKind(kind);
        if (plugin.isEmpty()) {
            String message = "no loaded plugin reads " + kind.yamlName();
            if (!missingTolerated) {
                problems.error("kind", message);
                return null;
            }
            problems.warning("kind", message + ": every request is refused (503) until one is");
            return new PluginResourceSpec(null, null);
        }
        SpecFields fields = new SpecFields(spec, "spec", problems);
        Set<String> names = PluginSettings.names(plugin.get());
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        for (Iterator<String> written = fields.names(); written.hasNext(); ) {
            String name = written.next();
            if (names.contains(name)) {
                settings.set(name, spec.get(name));
            } else {
                fields.warning(name, "not read by plugin '" + plugin.get().name() + "' (kept, but has no effect)");
            }
        }
        PluginSettings.Bound bound = PluginSettings.bind(plugin.get(), settings);
        bound.problems().forEach(problem -> fields.problemAt(fields.path(), problem));
        return bound.isValid() ? new PluginResourceSpec(plugin.get().name(), bound.settings()) : null;
    }
}

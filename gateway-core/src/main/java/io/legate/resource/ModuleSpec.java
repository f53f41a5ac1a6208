package io.legate.resource;

import java.util.List;
import java.util.Map;

/**
 * The {@code spec} of a Module, as far as Legate acts on it.
 *
 * @param global         whether this is the {@code ambassador} Module, the only one whose settings apply
 * @param plugins        the plugin settings it writes, by plugin name, bound and validated
 * @param missingPlugins the plugins it configures that are not loaded: while there are any, nothing is served
 */
public record ModuleSpec(boolean global, Map<String, Record> plugins, List<String> missingPlugins) implements TypedSpec {

    /** Emissary's name for the Module of gateway-wide settings. */
    public static final String GLOBAL_NAME = "ambassador";

    public ModuleSpec {
        plugins = Map.copyOf(plugins);
        missingPlugins = List.copyOf(missingPlugins);
    }
}

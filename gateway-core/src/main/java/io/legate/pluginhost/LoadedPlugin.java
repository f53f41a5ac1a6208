package io.legate.pluginhost;

import io.legate.plugin.PluginFactory;

/**
 * A plugin factory found at start-up.
 *
 * @param source where it came from: {@code class path}, or the path of its jar in {@code plugins/}
 */
public record LoadedPlugin(PluginFactory<?> factory, String source) {

    public String name() {
        return factory.name();
    }

    @Override
    public String toString() {
        return "'" + factory.name() + "' (" + factory.getClass().getName() + " from " + source + ")";
    }
}

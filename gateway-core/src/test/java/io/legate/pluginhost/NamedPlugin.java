package io.legate.pluginhost;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A plugin with a given name, order and claimed keys, whose settings are {@link Settings}. */
record NamedPlugin(String name, int order, Set<String> moduleKeys, Set<String> mappingKeys)
        implements PluginFactory<NamedPlugin.Settings> {

    /** A level that must not be negative, and a flag. */
    record Settings(int level, boolean loud, List<String> tags) {
    }

    NamedPlugin(String name, int order) {
        this(name, order, Set.of(), Set.of());
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public List<String> validate(Settings settings) {
        return settings.level() < 0 ? List.of("level: " + settings.level() + " (expected: >= 0)") : List.of();
    }

    @Override
    public Optional<GatewayFilter> filter(Settings moduleSettings) {
        return moduleSettings.loud() ? Optional.of((exchange, chain) -> chain.proceed()) : Optional.empty();
    }
}

package io.legate.testing;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import io.legate.plugin.RouteCondition;
import java.util.Optional;

/**
 * A plugin, named {@code failing}, whose factory cannot make its filter ({@code no key}) nor the route condition of a
 * Mapping ({@code no rules}), as one missing its key material or rules would.
 */
public final class FailingPlugin implements PluginFactory<FailingPlugin.Settings> {

    public record Settings() {
    }

    @Override
    public String name() {
        return "failing";
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public Optional<GatewayFilter> filter(Settings moduleSettings) {
        throw new IllegalStateException("no key");
    }

    @Override
    public Optional<RouteCondition> routeCondition(Settings mappingSettings) {
        throw new IllegalStateException("no rules");
    }
}

package io.legate.plugins.headerrouting;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import io.legate.plugin.RouteCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Emissary's Mapping {@code headers} and {@code regex_headers}: conditions on request headers, pseudo-headers
 * included (the guide routes on {@code headers: {":authority": subdomain.host.com}}). Routing only, so no filter.
 */
public final class HeaderRoutingFactory implements PluginFactory<HeaderRoutingSettings> {

    @Override
    public String name() {
        return "header_routing";
    }

    @Override
    public int order() {
        return 150;
    }

    @Override
    public Class<HeaderRoutingSettings> settingsType() {
        return HeaderRoutingSettings.class;
    }

    @Override
    public Set<String> mappingKeys() {
        return Set.of("headers", "regex_headers");
    }

    @Override
    public List<String> validate(HeaderRoutingSettings settings) {
        return HeaderRoutingProblems.of(settings);
    }

    @Override
    public Optional<GatewayFilter> filter(HeaderRoutingSettings moduleSettings) {
        return Optional.empty();
    }

    @Override
    public Optional<RouteCondition> routeCondition(HeaderRoutingSettings settings) {
        if (settings.count() == 0) {
            return Optional.empty();
        }
        List<HeaderMatch> matches = new ArrayList<>(settings.count());
        settings.headers().forEach((name, value) ->
                matches.add(value instanceof String text ? HeaderMatch.exact(name, text) : HeaderMatch.present(name)));
        settings.regexHeaders().forEach((name, regex) -> matches.add(HeaderMatch.regex(name, regex)));
        return Optional.of(new HeaderCondition(matches));
    }
}

package io.legate.plugins.hostport;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Strips the port from {@code :authority} (the {@code Host} of HTTP/1.1) before routing, so that a client sending
 * {@code api.example.com:443} reaches the Mappings for {@code hostname: api.example.com}.
 */
public final class HostPortFactory implements PluginFactory<HostPortSettings> {

    static final String STRIP_MATCHING = "strip_matching_host_port";
    static final String STRIP_ANY = "strip_any_host_port";

    @Override
    public String name() {
        return "host_port";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Class<HostPortSettings> settingsType() {
        return HostPortSettings.class;
    }

    @Override
    public Set<String> moduleKeys() {
        return Set.of(STRIP_MATCHING, STRIP_ANY);
    }

    @Override
    public List<String> validate(HostPortSettings settings) {
        if (settings.stripMatchingHostPort() && settings.stripAnyHostPort()) {
            // Envoy's HttpConnectionManager holds the two in a oneof: one mode or the other.
            return List.of(STRIP_MATCHING + " and " + STRIP_ANY + " cannot both be true (choose one: "
                    + STRIP_ANY + " strips every port, " + STRIP_MATCHING + " only the listener's)");
        }
        return List.of();
    }

    @Override
    public Optional<GatewayFilter> filter(HostPortSettings settings) {
        if (settings.stripAnyHostPort()) {
            return Optional.of(HostPortFilter.stripAny());
        }
        if (settings.stripMatchingHostPort()) {
            return Optional.of(HostPortFilter.stripMatching());
        }
        return Optional.empty();
    }
}

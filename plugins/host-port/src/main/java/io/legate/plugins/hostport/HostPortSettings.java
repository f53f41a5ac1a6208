package io.legate.plugins.hostport;

/**
 * The {@code ambassador} Module's port-stripping settings, as Emissary and Envoy name them; each false when not set.
 *
 * @param stripMatchingHostPort strip the port from {@code :authority} when it is the port of the listener that took
 *                              the connection ({@code strip_matching_host_port})
 * @param stripAnyHostPort      strip whatever port {@code :authority} carries ({@code strip_any_host_port})
 */
public record HostPortSettings(Boolean stripMatchingHostPort, Boolean stripAnyHostPort) {

    public HostPortSettings {
        // Boxed because the gateway binds a key left out as null, and refuses null for a primitive.
        stripMatchingHostPort = Boolean.TRUE.equals(stripMatchingHostPort);
        stripAnyHostPort = Boolean.TRUE.equals(stripAnyHostPort);
    }
}

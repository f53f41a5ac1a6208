package io.legate.server;

import java.util.Optional;

/**
 * A part of the gateway that lives in another module, such as the admin API, found on the class path by
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.legate.server.GatewayExtension}). gateway-core
 * never depends on the modules that implement it.
 *
 * <p>Lifecycle: the {@link Launcher} instantiates every extension, then calls {@link #start} on each, in class
 * name order, after the resources of {@code conf/resources/} are loaded and before the traffic listeners open,
 * so that what an extension publishes routes the very first request. {@link #stop} is called in the reverse order
 * when the gateway stops, and also when a later extension or the listeners fail to start.
 *
 * <p>Failures: an extension that cannot be instantiated (a broken jar) is logged, reported in
 * {@link GatewayContext#problems()} and skipped. An exception from {@link #start} stops the gateway from starting,
 * as a port in use does: an admin API the user configured must not silently be missing.
 */
public interface GatewayExtension {

    /** A short name for logs and problems, e.g. {@code admin}. */
    String name();

    /** Starts the extension; it may call {@link GatewayContext#publish} before returning and at any time after. */
    void start(GatewayContext context) throws Exception;

    /** Stops what {@link #start} started; must also work after a {@code start} that failed halfway. */
    void stop() throws Exception;

    /**
     * What this extension listens on, for the start-up line ({@code legate listening on http …, admin HOST:PORT}),
     * e.g. {@code admin 127.0.0.1:8877}; empty when it opens no port. Called after {@link #start}.
     */
    default Optional<String> listener() {
        return Optional.empty();
    }
}

package io.legate.routing;

/**
 * Limits of the calls towards one upstream; a call over one is refused at once. Emissary's {@code circuit_breakers}
 * with the {@code default} priority; Envoy's defaults (1024, 1024, 1024, 3) for what it leaves out.
 */
public record CircuitBreakers(int maxConnections, int maxPendingRequests, int maxRequests, int maxRetries) {

    /** No {@code circuit_breakers}: no limit. */
    public static final CircuitBreakers NONE =
            new CircuitBreakers(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
}

package io.legate.config;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the {@code limits:} section of {@code conf/legate.yaml} into {@link PeerLimits}; absent keys take defaults. */
final class PeerLimitsReader {

    static final String[] KEYS = {
            "caller_header_list_size", "upstream_header_list_size", "header_timeout", "idle_timeout",
            "max_connections", "max_connections_per_client",
            "control_frames_per_second", "max_requests_in_flight"};

    private static final long MAX_HEADER_LIST_BYTES = 1024 * 1024;
    private static final long HOUR_MS = 3_600_000L;
    /** Below this, a well-behaved client's settings, pings and cancellations would already end its connection. */
    private static final long MIN_CONTROL_FRAMES_PER_SECOND = 16;

    private PeerLimitsReader() {
    }

    static PeerLimits read(GatewayConfigLoader.Section limits) throws ConfigException {
        limits.allowOnly(KEYS);
        PeerLimits d = PeerLimits.defaults();
        PeerLimits read = new PeerLimits(
                (int) bytes(limits, "caller_header_list_size", d.callerHeaderListBytes()),
                (int) bytes(limits, "upstream_header_list_size", d.upstreamHeaderListBytes()),
                millis(limits, "header_timeout", d.headerTimeoutMs()),
                millis(limits, "idle_timeout", d.idleTimeoutMs()),
                (int) count(limits, "max_connections", d.maxConnections(), 1),
                (int) count(limits, "max_connections_per_client", d.maxConnectionsPerClient(), 1),
                (int) count(limits, "control_frames_per_second", d.controlFramesPerSecond(), MIN_CONTROL_FRAMES_PER_SECOND),
                (int) count(limits, "max_requests_in_flight", d.maxRequestsInFlight(), 1));
        if (read.maxConnectionsPerClient() > read.maxConnections()) {
            throw new ConfigException(limits.origin("max_connections_per_client"), read.maxConnectionsPerClient()
                    + " is more than limits.max_connections (" + read.maxConnections() + ")");
        }
        return read;
    }

    private static long bytes(GatewayConfigLoader.Section section, String key, long fallback) throws ConfigException {
        JsonNode value = section.value(key);
        return value == null ? fallback : Quantities.bytes(section.origin(key), value,
                PeerLimits.MIN_HEADER_LIST_BYTES, MAX_HEADER_LIST_BYTES);
    }

    private static long millis(GatewayConfigLoader.Section section, String key, long fallback) throws ConfigException {
        JsonNode value = section.value(key);
        return value == null ? fallback : Quantities.millis(section.origin(key), value, 100, HOUR_MS);
    }

    private static long count(GatewayConfigLoader.Section section, String key, long fallback, long min)
            throws ConfigException {
        JsonNode value = section.value(key);
        return value == null ? fallback : Quantities.count(section.origin(key), value, min, 1_000_000);
    }
}

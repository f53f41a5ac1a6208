package io.legate.proxy;

/**
 * Tuning of the connections towards upstreams.
 *
 * @param connectionIdleTimeoutMs how long an upstream connection may go without a new request before it is closed;
 *                                0 for never. Jetty counts a connection as idle while a response still streams on it,
 *                                so any value here would also cut quiet gRPC streams: the default is 0, and upstreams
 *                                close connections they no longer want with GOAWAY
 * @param streamWindowBytes       HTTP/2 receive window per upstream stream: how much the gateway buffers for a
 *                                slow downstream reader before the upstream is told to wait
 * @param keepalivePingMs         how often an HTTP/2 upstream connection is PINGed; one still unanswered at the next
 *                                PING closes it
 */
public record UpstreamSettings(
        int maxConnectionsPerUpstream, long connectionIdleTimeoutMs, int sessionWindowBytes, int streamWindowBytes,
        long keepalivePingMs) {

    public static UpstreamSettings defaults() {
        return new UpstreamSettings(64, 0, 16 * 1024 * 1024, 1024 * 1024, 30_000);
    }

    public UpstreamSettings withKeepalivePingMs(long pingMs) {
        return new UpstreamSettings(maxConnectionsPerUpstream, connectionIdleTimeoutMs, sessionWindowBytes,
                streamWindowBytes, pingMs);
    }
}

package io.legate.proxy;

/**
 * Tuning of the connections towards upstreams.
 *
 * @param connectionIdleTimeoutMs how long an upstream connection with no stream in flight stays pooled
 * @param streamWindowBytes       HTTP/2 receive window per upstream stream: how much the gateway buffers for a
 *                                slow downstream reader before the upstream is told to wait
 */
public record UpstreamSettings(
        int maxConnectionsPerUpstream, long connectionIdleTimeoutMs, int sessionWindowBytes, int streamWindowBytes) {

    public static UpstreamSettings defaults() {
        return new UpstreamSettings(64, 60_000, 16 * 1024 * 1024, 1024 * 1024);
    }
}

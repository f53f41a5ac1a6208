package io.legate.config;

/**
 * How the traffic listeners hold their callers' HTTP/2 connections, under {@code listeners:} in
 * {@code conf/legate.yaml}.
 *
 * @param maxConcurrentStreams streams a caller may have open at once on one connection
 *                             ({@code SETTINGS_MAX_CONCURRENT_STREAMS}); more are refused by the caller's own client
 * @param maxConnectionAgeMs   a caller connection older than this is sent a graceful GOAWAY and closed once its
 *                             streams end, so that long-lived clients spread over a fleet again; 0 for never
 */
public record CallerConnections(int maxConcurrentStreams, long maxConnectionAgeMs) {

    public static final CallerConnections DEFAULTS = new CallerConnections(1000, 0);

    public CallerConnections {
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("max_concurrent_streams: " + maxConcurrentStreams + " (expected: >= 1)");
        }
        if (maxConnectionAgeMs < 0) {
            throw new IllegalArgumentException("max_connection_age: " + maxConnectionAgeMs + " ms (expected: >= 0)");
        }
    }

    public boolean ages() {
        return maxConnectionAgeMs > 0;
    }
}

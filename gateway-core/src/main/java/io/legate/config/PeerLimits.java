package io.legate.config;

/**
 * What callers and upstreams may send and hold, under {@code limits:} in {@code conf/legate.yaml}. A call that
 * breaks one of the per-call limits fails alone; its neighbours on the same connection carry on.
 *
 * @param callerHeaderListBytes   largest header list a caller may send with one request (HTTP/2's header list size:
 *                                each field's name and value plus 32). Above it the request gets 431, or gRPC 8
 *                                RESOURCE_EXHAUSTED; a header block four times as large ends the caller's connection
 * @param upstreamHeaderListBytes largest header list an upstream may send as headers or trailers; above it the call
 *                                fails with gRPC 14 UNAVAILABLE (or 502) and that upstream connection is closed
 * @param headerTimeoutMs         how long a new caller connection may take to bring its first request's headers in
 *                                (TLS handshake included) before it is closed
 * @param idleTimeoutMs           how long a caller connection with nothing in flight stays open
 * @param maxConnections          caller connections open at once over the traffic listeners; more wait to be accepted
 * @param maxConnectionsPerClient caller connections open at once from one client address; more are closed at once
 * @param controlFramesPerSecond  HTTP/2 control frames (PING, SETTINGS, PRIORITY, RST_STREAM, empty DATA,
 *                                CONTINUATION, WINDOW_UPDATE beyond what the replies earned) a caller connection may
 *                                send in any second; the first one more ends the connection with GOAWAY
 *                                ENHANCE_YOUR_CALM
 * @param maxRequestsInFlight     requests served at once; one more is answered at once with gRPC 8
 *                                RESOURCE_EXHAUSTED (HTTP 503). 0 for no limit
 */
public record PeerLimits(
        int callerHeaderListBytes,
        int upstreamHeaderListBytes,
        long headerTimeoutMs,
        long idleTimeoutMs,
        int maxConnections,
        int maxConnectionsPerClient,
        int controlFramesPerSecond,
        int maxRequestsInFlight) {

    /** The smallest header list limit accepted: what gRPC implementations accept by default is 8 to 16 KiB. */
    public static final int MIN_HEADER_LIST_BYTES = 8 * 1024;
    private static final int DEFAULT_CONTROL_FRAMES_PER_SECOND = 128;

    /** These limits with the default control frame rate and no limit on the requests in flight. */
    public PeerLimits(int callerHeaderListBytes, int upstreamHeaderListBytes, long headerTimeoutMs, long idleTimeoutMs,
                      int maxConnections, int maxConnectionsPerClient) {
        this(callerHeaderListBytes, upstreamHeaderListBytes, headerTimeoutMs, idleTimeoutMs, maxConnections,
                maxConnectionsPerClient, DEFAULT_CONTROL_FRAMES_PER_SECOND, 0);
    }

    public static PeerLimits defaults() {
        return new PeerLimits(16 * 1024, 16 * 1024, 10_000, 60_000, 10_000, 1_000, DEFAULT_CONTROL_FRAMES_PER_SECOND, 0);
    }

    /** These limits with at most {@code requests} served at once. */
    public PeerLimits withMaxRequestsInFlight(int requests) {
        return new PeerLimits(callerHeaderListBytes, upstreamHeaderListBytes, headerTimeoutMs, idleTimeoutMs,
                maxConnections, maxConnectionsPerClient, controlFramesPerSecond, requests);
    }

    /** The header block a caller's connection is ended for: beyond any request the gateway would serve. */
    public int callerHeaderBlockBytes() {
        return 4 * callerHeaderListBytes;
    }
}

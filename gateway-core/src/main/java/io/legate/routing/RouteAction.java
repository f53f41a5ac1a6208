package io.legate.routing;

import java.util.List;

/**
 * What the forwarder does with a request once a route matched.
 * Timeouts are resolved when the table is built: 0 means "none".
 */
public record RouteAction(
        Upstream upstream,
        boolean grpc,
        long timeoutMs,
        long idleTimeoutMs,
        long connectTimeoutMs,
        String hostRewrite,
        List<HeaderValue> addRequestHeaders,
        List<String> removeRequestHeaders,
        List<HeaderValue> addResponseHeaders,
        List<String> removeResponseHeaders) {

    public RouteAction {
        addRequestHeaders = List.copyOf(addRequestHeaders);
        removeRequestHeaders = List.copyOf(removeRequestHeaders);
        addResponseHeaders = List.copyOf(addResponseHeaders);
        removeResponseHeaders = List.copyOf(removeResponseHeaders);
    }
}

package io.legate.routing;

import io.legate.tls.UpstreamTls;
import java.util.List;
import java.util.Objects;

/**
 * What the forwarder does with a request once a route matched.
 * Timeouts are resolved when the table is built: 0 means "none".
 *
 * @param tls    how to speak TLS to the upstream, resolved from the Mapping's TLSContext; null for cleartext
 * @param policy how its calls are spread over the upstream's endpoints, retried and limited
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
        List<String> removeResponseHeaders,
        UpstreamTls tls,
        UpstreamPolicy policy) {

    /** An action with the default policy: each address of the service in turn, no retries, no limits. */
    public RouteAction(Upstream upstream, boolean grpc, long timeoutMs, long idleTimeoutMs, long connectTimeoutMs,
                       String hostRewrite, List<HeaderValue> addRequestHeaders, List<String> removeRequestHeaders,
                       List<HeaderValue> addResponseHeaders, List<String> removeResponseHeaders, UpstreamTls tls) {
        this(upstream, grpc, timeoutMs, idleTimeoutMs, connectTimeoutMs, hostRewrite, addRequestHeaders,
                removeRequestHeaders, addResponseHeaders, removeResponseHeaders, tls, UpstreamPolicy.DEFAULT);
    }

    /** An action without TLS settings: cleartext, or the JDK's defaults for an {@code https://} upstream. */
    public RouteAction(Upstream upstream, boolean grpc, long timeoutMs, long idleTimeoutMs, long connectTimeoutMs,
                       String hostRewrite, List<HeaderValue> addRequestHeaders, List<String> removeRequestHeaders,
                       List<HeaderValue> addResponseHeaders, List<String> removeResponseHeaders) {
        this(upstream, grpc, timeoutMs, idleTimeoutMs, connectTimeoutMs, hostRewrite, addRequestHeaders,
                removeRequestHeaders, addResponseHeaders, removeResponseHeaders,
                upstream.secure() ? UpstreamTls.DEFAULT : null);
    }

    public RouteAction {
        addRequestHeaders = List.copyOf(addRequestHeaders);
        removeRequestHeaders = List.copyOf(removeRequestHeaders);
        addResponseHeaders = List.copyOf(addResponseHeaders);
        removeResponseHeaders = List.copyOf(removeResponseHeaders);
        Objects.requireNonNull(policy, "policy");
    }
}

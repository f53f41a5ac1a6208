package io.legate.plugins.grpcweb;

import io.legate.plugin.RequestHead;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The CORS headers a policy puts on the answer to a preflight, and on the reply to an actual request. */
final class CorsHeaders {

    /** What a gRPC-Web client must read, so always exposed on gRPC-Web replies (grpc/grpc-web#1319). */
    private static final List<String> GRPC_WEB_EXPOSED = List.of("grpc-status", "grpc-message");

    private CorsHeaders() {
    }

    /** For an allowed preflight: unless configured, the method and headers it asks for are allowed. */
    static Map<String, String> preflight(CorsPolicy policy, String origin, RequestHead request) {
        Map<String, String> headers = new LinkedHashMap<>(common(policy, origin));
        putList(headers, "access-control-allow-methods", policy.methods().isEmpty()
                ? request.header("access-control-request-method") : String.join(",", policy.methods()));
        putList(headers, "access-control-allow-headers", policy.headers().isEmpty()
                ? request.header("access-control-request-headers") : String.join(",", policy.headers()));
        if (policy.maxAge() != null) {
            headers.put("access-control-max-age", Long.toString(policy.maxAge()));
        }
        return headers;
    }

    /** For the reply to an allowed actual request. */
    static Map<String, String> actual(CorsPolicy policy, String origin, boolean grpcWeb) {
        Map<String, String> headers = new LinkedHashMap<>(common(policy, origin));
        Set<String> exposed = new LinkedHashSet<>();
        if (grpcWeb) {
            exposed.addAll(GRPC_WEB_EXPOSED);
        }
        exposed.addAll(policy.exposedHeaders());
        putList(headers, "access-control-expose-headers", exposed.isEmpty() ? null : String.join(",", exposed));
        return headers;
    }

    private static Map<String, String> common(CorsPolicy policy, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("access-control-allow-origin", policy.allowOrigin(origin));
        if (policy.credentials()) {
            headers.put("access-control-allow-credentials", "true");
        }
        // The answer depends on the Origin whenever it is not "*": a cache must not give it to another origin.
        headers.put("vary", "Origin");
        return headers;
    }

    private static void putList(Map<String, String> headers, String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.put(name, value);
        }
    }
}

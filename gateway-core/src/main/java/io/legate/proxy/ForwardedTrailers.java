package io.legate.proxy;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The reply's trailers, read when the reply completes: the upstream's trailers (grpc-status, grpc-message and
 * custom metadata), or the gateway's status when the exchange failed after the reply was committed.
 */
final class ForwardedTrailers implements Supplier<Map<String, String>> {

    private static final String FILTERED = ForwardedTrailers.class.getName() + ".filtered";
    private static final String OVERRIDE = ForwardedTrailers.class.getName() + ".override";

    private final HttpServletRequest request;
    private final Response upstreamResponse;

    ForwardedTrailers(HttpServletRequest request, Response upstreamResponse) {
        this.request = request;
        this.upstreamResponse = upstreamResponse;
    }

    /** A copy of {@code trailers} (null: none) that response filters can change. */
    static Map<String, String> mutable(Map<String, String> trailers) {
        return trailers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(trailers);
    }

    static void replaceWith(HttpServletRequest request, LocalReply reply) {
        request.setAttribute(OVERRIDE, reply);
    }

    /**
     * The trailers as the plugins' response filters left them (empty: none). Set through the request, since by then
     * the response is committed and its trailer supplier can no longer be replaced.
     */
    static void filtered(HttpServletRequest request, Map<String, String> trailers) {
        request.setAttribute(FILTERED, trailers);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> get() {
        if (request.getAttribute(FILTERED) instanceof Map<?, ?> filtered) {
            return filtered.isEmpty() ? null : (Map<String, String>) filtered;
        }
        if (request.getAttribute(OVERRIDE) instanceof LocalReply reply) {
            return reply.trailers();
        }
        HttpFields trailers = upstreamResponse.getTrailers();
        if (trailers == null) {
            return null;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (HttpField field : trailers) {
            // Repeated names are joined with ',' as PROTOCOL-HTTP2.md allows, -bin values included.
            copy.merge(field.getLowerCaseName(), field.getValue(), (a, b) -> a + "," + b);
        }
        return copy;
    }
}

package io.legate.proxy;

import io.legate.metrics.RequestMeter;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The reply's trailers, read when the reply completes: the upstream's trailers (grpc-status, grpc-message and
 * custom metadata), or the gateway's status when the exchange failed after the reply was committed. Their
 * grpc-status is what the request is counted with.
 */
final class ForwardedTrailers implements Supplier<Map<String, String>> {

    private static final String REPLACED = ForwardedTrailers.class.getName() + ".replaced";
    private static final String GRPC_STATUS = "grpc-status";

    private final HttpServletRequest request;
    private final Response upstreamResponse;
    private final RequestMeter meter;

    ForwardedTrailers(HttpServletRequest request, Response upstreamResponse, RequestMeter meter) {
        this.request = request;
        this.upstreamResponse = upstreamResponse;
        this.meter = meter;
    }

    /** A copy of {@code trailers} (null: none) that response filters can change. */
    static Map<String, String> mutable(Map<String, String> trailers) {
        return trailers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(trailers);
    }

    /**
     * Sends {@code trailers} (empty: none) instead of the upstream's: the gateway's status, or what the plugins'
     * response filters left. Set through the request, since by then the response is committed and its trailer
     * supplier can no longer be replaced.
     */
    static void replaceWith(HttpServletRequest request, Map<String, String> trailers) {
        request.setAttribute(REPLACED, trailers);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> get() {
        if (request.getAttribute(REPLACED) instanceof Map<?, ?> replaced) {
            counted(meter, (Map<String, String>) replaced);
            return replaced.isEmpty() ? null : (Map<String, String>) replaced;
        }
        HttpFields trailers = upstreamResponse.getTrailers();
        if (trailers == null) {
            return null;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (HttpField field : trailers) {
            String name = field.getLowerCaseName();
            // Seen while copying: the forwarder's hot path pays no look-up for it.
            if (GRPC_STATUS.equals(name)) {
                meter.grpcStatus(field.getValue());
            }
            // Repeated names are joined with ',' as PROTOCOL-HTTP2.md allows, -bin values included.
            copy.merge(name, field.getValue(), (a, b) -> a + "," + b);
        }
        return CallerHeaderRoom.fitted(request, copy, meter);
    }

    /** Counts the request with the grpc-status of {@code trailers}, the gateway's or what response filters left. */
    static void counted(RequestMeter meter, Map<String, String> trailers) {
        String status = trailers.get(GRPC_STATUS);
        if (status != null) {
            meter.grpcStatus(status);
        }
    }
}

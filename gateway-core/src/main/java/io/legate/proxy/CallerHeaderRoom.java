package io.legate.proxy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.legate.metrics.Refusal;
import io.legate.metrics.RequestMeter;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;

import java.util.Map;

/**
 * How large a header list the caller's connection can take. Jetty fails a whole HTTP/2 connection (GOAWAY
 * COMPRESSION_ERROR, every stream on it lost) when a header block is over the caller's
 * {@code SETTINGS_MAX_HEADER_LIST_SIZE} or does not fit one frame: upstream headers and trailers are measured
 * against this first, so that an oversized one fails its own call only.
 */
final class CallerHeaderRoom {

    /**
     * The smallest frame an HTTP/2 peer takes (RFC 9113 §4.2): Jetty encodes each header block into one buffer of
     * the peer's frame size, so a list no larger than this always fits.
     */
    private static final int MIN_FRAME_BYTES = 16_384;
    private static final int STATUS_FIELD = ":status".length() + 3 + HeaderListSize.PER_FIELD;

    private CallerHeaderRoom() {
    }

    /** The room of {@code request}'s connection; unbounded for HTTP/1.1, whose headers Jetty streams. */
    private static long of(HttpServletRequest request) {
        Connection connection = ServletContextRequest.getServletContextRequest(request).getConnectionMetaData()
                .getConnection();
        if (!(connection instanceof HTTP2Connection h2)) {
            return Long.MAX_VALUE;
        }
        int peerLimit = h2.getSession().getGenerator().getHpackEncoder().getMaxHeaderListSize();
        return peerLimit > 0 ? Math.min(peerLimit, MIN_FRAME_BYTES) : MIN_FRAME_BYTES;
    }

    /**
     * Fails the exchange, before anything is sent, when the upstream's headers (as changed by the route and the
     * plugins) are more than the caller's connection takes.
     */
    static void check(HttpServletRequest request, HttpServletResponse response, Response upstream, RequestMeter meter) {
        long room = of(request);
        long size = excess(response, room);
        if (size > 0) {
            meter.refused(Refusal.CALLER_CANNOT_TAKE_HEADERS);
            upstream.abort(new HeadersTooLarge(GrpcStatus.UNAVAILABLE, message("headers", size, room)));
        }
    }

    /**
     * {@code trailers}, or when the caller's connection cannot take them, a gateway status saying so (the reply is
     * committed by then: only the trailers can tell).
     */
    static Map<String, String> fitted(HttpServletRequest request, Map<String, String> trailers, RequestMeter meter) {
        long room = of(request);
        long size = excess(trailers, room);
        if (size == 0) {
            return trailers;
        }
        meter.refused(Refusal.CALLER_CANNOT_TAKE_HEADERS);
        Map<String, String> status = new LocalReply(GrpcStatus.INTERNAL, message("trailers", size, room)).trailers();
        meter.grpcStatus(status.get("grpc-status"));
        return status;
    }

    private static long excess(HttpServletResponse response, long room) {
        long size = STATUS_FIELD;
        for (String name : response.getHeaderNames()) {
            for (String value : response.getHeaders(name)) {
                size += HeaderListSize.field(name, value);
            }
        }
        return size > room ? size : 0;
    }

    private static long excess(Map<String, String> trailers, long room) {
        long size = HeaderListSize.of(trailers);
        return size > room ? size : 0;
    }

    private static String message(String what, long size, long room) {
        return "the upstream's " + what + " (" + size + " bytes) are more than the caller's connection takes ("
                + room + " bytes)";
    }
}

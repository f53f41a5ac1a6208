package io.legate.proxy;

import io.legate.metrics.Refusal;
import io.legate.metrics.RequestMeter;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;

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
    static long of(Request request) {
        Connection connection = request.getConnectionMetaData().getConnection();
        if (!(connection instanceof HTTP2Connection h2)) {
            return Long.MAX_VALUE;
        }
        int peerLimit = h2.getSession().getGenerator().getHpackEncoder().getMaxHeaderListSize();
        return peerLimit > 0 ? Math.min(peerLimit, MIN_FRAME_BYTES) : MIN_FRAME_BYTES;
    }

    /**
     * The failure of a call whose response headers (as changed by the route and the plugins) are more than the
     * caller's connection takes, counted; null when they fit.
     */
    static HeadersTooLarge checkHeaders(long room, HttpFields headers, RequestMeter meter) {
        long size = STATUS_FIELD + HeaderListSize.of(headers);
        if (size <= room) {
            return null;
        }
        meter.refused(Refusal.CALLER_CANNOT_TAKE_HEADERS);
        return new HeadersTooLarge(GrpcStatus.UNAVAILABLE, message("headers", size, room));
    }

    /**
     * {@code trailers}, or when the caller's connection cannot take them, a gateway status saying so (the reply is
     * committed by then: only the trailers can tell).
     */
    static HttpFields fitted(long room, HttpFields trailers, RequestMeter meter) {
        if (trailers == null || room == Long.MAX_VALUE) {
            return trailers;
        }
        long size = HeaderListSize.of(trailers);
        if (size <= room) {
            return trailers;
        }
        meter.refused(Refusal.CALLER_CANNOT_TAKE_HEADERS);
        GatewayReply status = new GatewayReply(GrpcStatus.INTERNAL, message("trailers", size, room));
        meter.grpcStatus(Integer.toString(status.status().code()));
        HttpFields.Mutable fields = HttpFields.build(2);
        status.trailers().forEach(fields::put);
        return fields;
    }

    private static String message(String what, long size, long room) {
        return "the upstream's " + what + " (" + size + " bytes) are more than the caller's connection takes ("
                + room + " bytes)";
    }
}

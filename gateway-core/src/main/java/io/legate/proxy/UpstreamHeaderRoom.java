package io.legate.proxy;

import io.legate.metrics.Refusal;
import io.legate.metrics.RequestMeter;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.client.transport.internal.HttpConnectionOverHTTP2;

/**
 * How large a header list the upstream connection of a request can take: the {@code SETTINGS_MAX_HEADER_LIST_SIZE}
 * the upstream announced (grpc-java servers announce 8 KiB), and at most one frame of 16 KiB. Jetty's HPACK encoder
 * fails the whole upstream connection, every caller's stream on it, on a request over it: such a request fails
 * alone instead, once Jetty has picked its connection and before its headers are encoded.
 */
final class UpstreamHeaderRoom {

    private static final int MIN_FRAME_BYTES = 16_384;
    /** :method, :scheme, :authority and :path, which Jetty keeps apart from the header fields. */
    private static final int PSEUDO_FIELDS = 4;

    private UpstreamHeaderRoom() {
    }

    static void guard(Request proxyRequest, RequestMeter meter) {
        proxyRequest.onRequestBegin(request -> {
            long room = room(request.getConnection());
            long size = listSize(request);
            if (size > room) {
                meter.refused(Refusal.UPSTREAM_CANNOT_TAKE_HEADERS);
                request.abort(new HeadersTooLarge(GrpcStatus.RESOURCE_EXHAUSTED, "request headers of " + size
                        + " bytes are more than upstream " + request.getHost() + ":" + request.getPort() + " takes ("
                        + room + " bytes)"));
            }
        });
    }

    private static long room(Connection connection) {
        if (connection instanceof HttpConnectionOverHTTP2 h2 && h2.getSession() instanceof HTTP2Session session) {
            int announced = session.getGenerator().getHpackEncoder().getMaxHeaderListSize();
            return announced > 0 ? Math.min(announced, MIN_FRAME_BYTES) : MIN_FRAME_BYTES;
        }
        // HTTP/1.1 streams its headers, and a connection carries one request at a time.
        return Long.MAX_VALUE;
    }

    private static long listSize(Request request) {
        return HeaderListSize.of(request.getHeaders()) + PSEUDO_FIELDS * HeaderListSize.PER_FIELD
                + request.getMethod().length() + request.getScheme().length()
                + (request.getHost() + ":" + request.getPort()).length() + request.getPath().length()
                + (request.getQuery() == null ? 0 : request.getQuery().length() + 1);
    }
}

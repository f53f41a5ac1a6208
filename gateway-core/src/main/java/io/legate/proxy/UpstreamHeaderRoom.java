package io.legate.proxy;

import io.legate.metrics.Refusal;
import io.legate.metrics.RequestMeter;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.client.transport.internal.HttpConnectionOverHTTP2;

/**
 * How large a header list the upstream connection of a request can take: the {@code SETTINGS_MAX_HEADER_LIST_SIZE}
 * the upstream announced (grpc-java servers announce 8 KiB), and at most one frame of 16 KiB. Jetty's HPACK encoder
 * fails the whole upstream connection, every caller's stream on it, on a request over it: such a request fails
 * alone instead, once its connection is known and before its headers are encoded.
 */
final class UpstreamHeaderRoom {

    private static final int MIN_FRAME_BYTES = 16_384;
    /** :method, :scheme, :authority and :path, which Jetty keeps apart from the header fields. */
    private static final int PSEUDO_FIELDS = 4;

    private UpstreamHeaderRoom() {
    }

    /** Fails {@code proxyRequest} (HttpClient's) once its connection is picked, when its headers do not fit. */
    static void guard(Request proxyRequest, RequestMeter meter) {
        proxyRequest.onRequestBegin(request -> {
            long room = room(request.getConnection());
            long size = listSize(HeaderListSize.of(request.getHeaders()),
                    request.getMethod(), request.getScheme(), request.getHost() + ":" + request.getPort(),
                    request.getPath(), request.getQuery());
            if (size > room) {
                request.abort(refused(meter, size, room, request.getHost() + ":" + request.getPort()));
            }
        });
    }

    /** The failure of a request whose head does not fit {@code session}, counted; null when it fits. */
    static HeadersTooLarge check(Session session, MetaData.Request head, RequestMeter meter) {
        if (!(session instanceof HTTP2Session http2)) {
            return null;
        }
        long room = room(http2);
        HttpURI uri = head.getHttpURI();
        long size = listSize(HeaderListSize.of(head.getHttpFields()), head.getMethod(), uri.getScheme(),
                uri.getAuthority(), uri.getPath(), uri.getQuery());
        return size > room ? refused(meter, size, room, uri.getAuthority()) : null;
    }

    private static HeadersTooLarge refused(RequestMeter meter, long size, long room, String upstream) {
        meter.refused(Refusal.UPSTREAM_CANNOT_TAKE_HEADERS);
        return new HeadersTooLarge(GrpcStatus.RESOURCE_EXHAUSTED, "request headers of " + size
                + " bytes are more than upstream " + upstream + " takes (" + room + " bytes)");
    }

    private static long room(Connection connection) {
        if (connection instanceof HttpConnectionOverHTTP2 h2 && h2.getSession() instanceof HTTP2Session session) {
            return room(session);
        }
        // HTTP/1.1 streams its headers, and a connection carries one request at a time.
        return Long.MAX_VALUE;
    }

    private static long room(HTTP2Session session) {
        int announced = session.getGenerator().getHpackEncoder().getMaxHeaderListSize();
        return announced > 0 ? Math.min(announced, MIN_FRAME_BYTES) : MIN_FRAME_BYTES;
    }

    private static long listSize(long fields, String method, String scheme, String authority, String path,
                                 String query) {
        return fields + PSEUDO_FIELDS * HeaderListSize.PER_FIELD + method.length() + scheme.length()
                + authority.length() + path.length() + (query == null ? 0 : query.length() + 1);
    }
}

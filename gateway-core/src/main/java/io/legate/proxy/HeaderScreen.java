package io.legate.proxy;

import io.legate.metrics.Refusal;
import io.legate.metrics.Refusals;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.EnumSet;
import java.util.Set;

/**
 * Screens each request's headers before anything else runs, so that a bad request fails alone and never its
 * connection: a header list over the caller limit gets 431 (gRPC: 8 RESOURCE_EXHAUSTED), an HTTP/2 request with a
 * connection-specific header 400 (RFC 9113 §8.2.2 calls it malformed). {@code HTTP2-Settings}, which only means
 * something to the hop that upgrades a connection, never reaches an upstream.
 */
public final class HeaderScreen extends Handler.Wrapper {

    private static final Set<HttpHeader> CONNECTION_SPECIFIC = EnumSet.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_CONNECTION, HttpHeader.TRANSFER_ENCODING, HttpHeader.UPGRADE);
    private static final String HTTP2_SETTINGS = "HTTP2-Settings";
    /** :method, :scheme, :authority and :path, which Jetty keeps apart from the header fields. */
    private static final int PSEUDO_FIELDS = 4;

    private final int maxHeaderListBytes;
    private final Refusals refusals;

    public HeaderScreen(int maxHeaderListBytes, Refusals refusals, Handler next) {
        super(next);
        this.maxHeaderListBytes = maxHeaderListBytes;
        this.refusals = refusals;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields headers = request.getHeaders();
        long size = listSize(request);
        if (size > maxHeaderListBytes) {
            refusals.count(Refusal.CALLER_HEADER_LIST);
            return refuse(request, response, callback, new GatewayReply(GrpcStatus.RESOURCE_EXHAUSTED, "request headers of "
                    + size + " bytes are more than the gateway accepts (" + maxHeaderListBytes + ")", 431));
        }
        if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2 && !upgradedFromHttp11(headers)) {
            String malformed = connectionSpecific(headers);
            if (malformed != null) {
                refusals.count(Refusal.MALFORMED_REQUEST);
                return refuse(request, response, callback, GatewayReply.badRequest("malformed HTTP/2 request: the"
                        + " connection-specific header " + malformed + " is not allowed (RFC 9113, 8.2.2)"));
            }
        }
        if (headers.contains(HTTP2_SETTINGS)) {
            request = withoutHttp2Settings(request);
        }
        return super.handle(request, response, callback);
    }

    private static long listSize(Request request) {
        return HeaderListSize.of(request.getHeaders()) + PSEUDO_FIELDS * HeaderListSize.PER_FIELD
                + request.getMethod().length() + request.getHttpURI().getScheme().length()
                + String.valueOf(request.getHttpURI().getAuthority()).length() + request.getHttpURI().getPathQuery().length();
    }

    /**
     * The HTTP/1.1 request that upgraded its connection to h2c ({@code Upgrade: h2c} and {@code HTTP2-Settings}):
     * Jetty serves it as the first HTTP/2 stream, its HTTP/1.1 headers as they were.
     */
    private static boolean upgradedFromHttp11(HttpFields headers) {
        return headers.contains(HTTP2_SETTINGS) && headers.contains(HttpHeader.UPGRADE, "h2c");
    }

    /** The first connection-specific header of an HTTP/2 request; null when it has none. */
    private static String connectionSpecific(HttpFields headers) {
        for (HttpHeader header : CONNECTION_SPECIFIC) {
            if (headers.contains(header)) {
                return header.lowerCaseName();
            }
        }
        String te = headers.get(HttpHeader.TE);
        return te == null || te.equalsIgnoreCase("trailers") ? null : "te: " + te;
    }

    private static Request withoutHttp2Settings(Request request) {
        HttpFields headers = HttpFields.build(request.getHeaders()).remove(HTTP2_SETTINGS).asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return headers;
            }
        };
    }

    private static boolean refuse(Request request, Response response, Callback callback, GatewayReply reply) throws Exception {
        reply.send(request, response, callback);
        return true;
    }
}

package io.legate.proxy;

import io.legate.metrics.Refusal;
import io.legate.metrics.Refusals;
import org.eclipse.jetty.http.HttpField;
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
 * connection-specific header 400 (RFC 9113 §8.2.2 calls it malformed).
 */
public final class HeaderScreen extends Handler.Wrapper {

    private static final Set<HttpHeader> CONNECTION_SPECIFIC = EnumSet.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_CONNECTION, HttpHeader.TRANSFER_ENCODING, HttpHeader.UPGRADE);
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
        // One pass over the fields: this runs for every request.
        long size = PSEUDO_FIELDS * HeaderListSize.PER_FIELD + request.getMethod().length()
                + request.getHttpURI().getScheme().length() + String.valueOf(request.getHttpURI().getAuthority()).length()
                + request.getHttpURI().getPathQuery().length();
        String connectionSpecific = null;
        boolean upgrade = false;
        boolean http2Settings = false;
        for (HttpField field : request.getHeaders()) {
            size += HeaderListSize.field(field.getName(), field.getValue());
            HttpHeader header = field.getHeader();
            if (header == null) {
                continue;
            }
            if (header == HttpHeader.HTTP2_SETTINGS) {
                http2Settings = true;
            } else if (header == HttpHeader.TE && !field.getValue().equalsIgnoreCase("trailers")) {
                connectionSpecific = connectionSpecific == null ? "te: " + field.getValue() : connectionSpecific;
            } else if (CONNECTION_SPECIFIC.contains(header)) {
                upgrade |= header == HttpHeader.UPGRADE && "h2c".equalsIgnoreCase(field.getValue());
                connectionSpecific = connectionSpecific == null ? header.lowerCaseName() : connectionSpecific;
            }
        }
        if (size > maxHeaderListBytes) {
            refusals.count(Refusal.CALLER_HEADER_LIST);
            return refuse(request, response, callback, new GatewayReply(GrpcStatus.RESOURCE_EXHAUSTED, "request headers of "
                    + size + " bytes are more than the gateway accepts (" + maxHeaderListBytes + ")", 431));
        }
        // The HTTP/1.1 request that upgraded its connection to h2c (Upgrade: h2c and HTTP2-Settings) is served as the
        // first HTTP/2 stream, its HTTP/1.1 headers as they were.
        boolean upgradedFromHttp11 = upgrade && http2Settings;
        if (connectionSpecific != null && !upgradedFromHttp11
                && request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2) {
            refusals.count(Refusal.MALFORMED_REQUEST);
            return refuse(request, response, callback, GatewayReply.badRequest("malformed HTTP/2 request: the"
                    + " connection-specific header " + connectionSpecific + " is not allowed (RFC 9113, 8.2.2)"));
        }
        return super.handle(request, response, callback);
    }

    private static boolean refuse(Request request, Response response, Callback callback, GatewayReply reply) throws Exception {
        reply.send(request, response, callback);
        return true;
    }
}

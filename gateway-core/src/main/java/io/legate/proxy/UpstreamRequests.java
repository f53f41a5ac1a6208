package io.legate.proxy;

import io.legate.metrics.RequestMeter;
import io.legate.routing.RouteAction;
import io.legate.routing.RouteMatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import io.legate.routing.Upstream;
import org.eclipse.jetty.server.Request;

/** The request a call sends upstream: the caller's, as its route and the plugins changed it. */
final class UpstreamRequests {

    private UpstreamRequests() {
    }

    /** Sends the caller's request upstream; {@code listener} hears the response. */
    static UpstreamCall send(UpstreamClients clients, Request caller, CallExchange exchange, RouteMatch match,
                             long timeoutMs, RequestMeter meter, UpstreamListener listener) {
        RouteAction action = match.route().action();
        String query = caller.getHttpURI().getQuery();
        if (action.grpc() && !action.upstream().secure()) {
            return overHttp2(clients, caller, exchange, match, timeoutMs, meter, listener);
        }
        String target = action.upstream().origin() + match.upstreamPath();
        org.eclipse.jetty.client.Request upstream = clients.forRoute(action)
                .newRequest(query == null ? target : target + "?" + query)
                .method(caller.getMethod())
                .version(action.grpc() ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                // 0 disables the stream idle timeout; Jetty's -1 would fall back to the connection's idle timeout.
                .idleTimeout(action.idleTimeoutMs(), TimeUnit.MILLISECONDS)
                .headers(headers -> copyHeaders(caller, exchange, action, headers));
        if (hasContent(caller)) {
            upstream.body(new CallerBody(caller, exchange.bodyFilters(),
                    !exchange.changedHeaders().containsKey("content-length"), meter));
        }
        UpstreamHeaderRoom.guard(upstream, meter);
        return HttpClientUpstream.send(upstream, listener);
    }

    private static UpstreamCall overHttp2(UpstreamClients clients, Request caller, CallExchange exchange,
                                          RouteMatch match, long timeoutMs, RequestMeter meter,
                                          UpstreamListener listener) {
        RouteAction action = match.route().action();
        Upstream upstream = action.upstream();
        HttpFields.Mutable headers = HttpFields.build();
        copyHeaders(caller, exchange, action, headers);
        CallerBody body = hasContent(caller) ? new CallerBody(caller, exchange.bodyFilters(),
                !exchange.changedHeaders().containsKey("content-length"), meter) : null;
        // The caller's URI, already parsed, with the upstream's authority: its path changes only when rewritten.
        HttpURI.Mutable uri = HttpURI.build(caller.getHttpURI()).scheme("http").host(upstream.host())
                .port(upstream.port());
        if (!match.upstreamPath().equals(uri.getPath())) {
            uri.path(match.upstreamPath());
        }
        MetaData.Request head = new MetaData.Request(caller.getMethod(), uri, HttpVersion.HTTP_2, headers,
                body == null ? 0 : body.getLength());
        return Http2Upstream.send(clients.cleartextSessions().session(upstream, action.connectTimeoutMs()), head, body,
                timeoutMs, action.idleTimeoutMs(), caller.getComponents().getScheduler(), meter, listener);
    }

    private static void copyHeaders(Request caller, CallExchange exchange, RouteAction action,
                                    HttpFields.Mutable headers) {
        // The upstream's :authority comes from its URI; an HTTP/1.1 upstream gets the Host set below.
        HopByHop.copy(caller.getHeaders(), headers, HttpHeader.HOST);
        HeaderChanges.apply(headers, exchange.changedHeaders());
        String te = caller.getHeaders().get(HttpHeader.TE);
        if (action.grpc() || te != null && te.contains("trailers")) {
            headers.put(HttpHeader.TE, "trailers");
        }
        if (!action.grpc()) {
            // HTTP/2 upstreams get the upstream's :authority; HTTP/1.1 ones keep the caller's Host, as Envoy does.
            headers.put(HttpHeader.HOST, action.hostRewrite() != null ? action.hostRewrite() : exchange.header(":authority"));
        }
        HeaderChanges.apply(headers, action.removeRequestHeaders(), action.addRequestHeaders());
        String remote = Request.getRemoteAddr(caller);
        String forwardedFor = headers.get(HttpHeader.X_FORWARDED_FOR);
        headers.put(HttpHeader.X_FORWARDED_FOR, forwardedFor == null ? remote : forwardedFor + ", " + remote);
        headers.put(HttpHeader.X_FORWARDED_PROTO, caller.getHttpURI().getScheme());
    }

    /** HTTP/2 requests (gRPC above all) carry a body with neither Content-Length nor Transfer-Encoding. */
    private static boolean hasContent(Request caller) {
        long length = caller.getLength();
        if (length > 0 || caller.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return true;
        }
        if (length == 0) {
            return false;
        }
        return GatewayReply.isGrpc(caller)
                || caller.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2 && !isBodiless(caller.getMethod());
    }

    private static boolean isBodiless(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "DELETE".equals(method);
    }

    /** The URI a request was sent to, for messages. */
    static String describe(Request caller) {
        HttpURI uri = caller.getHttpURI();
        return caller.getMethod() + " " + CallExchange.authority(caller) + uri.getPath();
    }
}

package io.legate.proxy;

import io.legate.metrics.RequestMeter;
import io.legate.routing.RouteAction;
import io.legate.routing.RouteMatch;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import io.legate.routing.Upstream;
import io.legate.upstream.Cluster;
import org.eclipse.jetty.server.Request;

/** The request a call sends upstream: the caller's, as its route and the plugins changed it. */
final class UpstreamRequests {

    private UpstreamRequests() {
    }

    /** Sends the caller's request upstream; {@code listener} hears the response. */
    /**
     * Sends the caller's request to {@code endpoint}, one address of the route's upstream; {@code listener} hears
     * the response.
     *
     * @param body the caller's body, or null for none
     */
    static UpstreamCall send(UpstreamClients clients, Request caller, CallExchange exchange, RouteMatch match,
                             Cluster cluster, InetSocketAddress endpoint, CallerBody body, long timeoutMs,
                             RequestMeter meter, UpstreamListener listener) {
        RouteAction action = match.route().action();
        String query = caller.getHttpURI().getQuery();
        if (action.grpc() && !action.upstream().secure()) {
            return overHttp2(clients, caller, exchange, match, cluster, endpoint, body, timeoutMs, meter, listener);
        }
        String target = action.upstream().origin() + match.upstreamPath();
        HttpClient client = clients.forRoute(action);
        org.eclipse.jetty.client.Request upstream = client
                .newRequest(query == null ? target : target + "?" + query)
                .method(caller.getMethod())
                // Its own connection pool per endpoint, whose address the client takes from the tag.
                .tag(EndpointPool.of(endpoint, action))
                .version(action.grpc() ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                // 0 disables the stream idle timeout; Jetty's -1 would fall back to the connection's idle timeout.
                .idleTimeout(action.idleTimeoutMs(), TimeUnit.MILLISECONDS)
                .headers(headers -> copyHeaders(caller, exchange, action, headers));
        if (body != null) {
            upstream.body(body.forClient(caller, meter));
        }
        UpstreamHeaderRoom.guard(upstream, meter);
        return ConnectionBreakers.send(client, upstream, cluster, listener);
    }

    private static UpstreamCall overHttp2(UpstreamClients clients, Request caller, CallExchange exchange,
                                          RouteMatch match, Cluster cluster, InetSocketAddress endpoint,
                                          CallerBody body, long timeoutMs, RequestMeter meter,
                                          UpstreamListener listener) {
        RouteAction action = match.route().action();
        Upstream upstream = action.upstream();
        HttpFields.Mutable headers = HttpFields.build();
        copyHeaders(caller, exchange, action, headers);
        // The caller's URI, already parsed, with the upstream's authority: its path changes only when rewritten.
        HttpURI.Mutable uri = HttpURI.build(caller.getHttpURI()).scheme("http").host(upstream.host())
                .port(upstream.port());
        if (!match.upstreamPath().equals(uri.getPath())) {
            uri.path(match.upstreamPath());
        }
        MetaData.Request head = new MetaData.Request(caller.getMethod(), uri, HttpVersion.HTTP_2, headers,
                body == null ? 0 : body.length());
        return Http2Upstream.send(ConnectionBreakers.session(clients.cleartextSessions(), cluster, endpoint,
                        action.connectTimeoutMs(), action.policy().connectionLifetimeMs()), head, body == null ? null : body.source(),
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

    /** The URI a request was sent to, for messages. */
    static String describe(Request caller) {
        HttpURI uri = caller.getHttpURI();
        return caller.getMethod() + " " + CallExchange.authority(caller) + uri.getPath();
    }
}

package io.legate.proxy;

import io.legate.metrics.GatewayMetrics;
import io.legate.metrics.RequestMeter;
import io.legate.metrics.UpstreamFailure;
import io.legate.resource.GatewaySnapshot;
import io.legate.routing.RouteAction;
import io.legate.routing.RouteMatch;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The forwarder: Jetty's {@code ProxyServlet}, routed by the current {@link RouteTable} and made correct for gRPC —
 * the request body is always streamed, {@code te: trailers} kept, responses streamed unbuffered, trailers passed
 * through, and every failure answered in the caller's protocol. No thread ever blocks on a body: both directions
 * use Jetty's asynchronous core API, below the servlet streams.
 */
public final class GatewayProxyServlet extends ProxyServlet {

    private static final String EXCHANGE = GatewayProxyServlet.class.getName() + ".exchange";

    private final Supplier<ServedSnapshot> served;
    private final IntSupplier httpsPort;
    private final UpstreamClients clients;
    private final GatewayMetrics metrics;

    /**
     * @param served    the routes, plugin filters and Host policies serving now, and the routes' metrics; read
     *                  once per request
     * @param httpsPort the TLS listener's port, for redirects; -1 while it is closed
     */
    public GatewayProxyServlet(Supplier<ServedSnapshot> served, IntSupplier httpsPort, UpstreamClients clients,
                               GatewayMetrics metrics) {
        this.served = served;
        this.httpsPort = httpsPort;
        this.clients = clients;
        this.metrics = metrics;
    }

    @Override
    protected HttpClient createHttpClient() {
        // The base class wants one client; each request picks its own per route (newProxyRequest).
        return clients.defaultClient();
    }

    @Override
    public void destroy() {
        // The clients belong to the server's lifecycle, not to this servlet.
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServedSnapshot served = this.served.get();
        GatewaySnapshot current = served.snapshot();
        RequestMeter meter = metrics.meter(ServletContextRequest.getServletContextRequest(request));
        LocalReply refused = InsecureRequests.refusal(request, current.insecure(), httpsPort.getAsInt());
        if (refused != null) {
            if (refused.httpStatus() == 301 && !LocalReply.isGrpc(request)) {
                InsecureRequests.redirect(request, response, httpsPort.getAsInt());
            } else {
                Replies.answer(request, () -> refused.send(request, response));
            }
            return;
        }
        ProxyExchange exchange = new ProxyExchange(request, current.routes(), meter);
        request.setAttribute(EXCHANGE, exchange);
        if (!current.filters().isEmpty() && !runFilters(served, exchange, request, response)) {
            return;
        }
        long grpcTimeoutMs;
        try {
            grpcTimeoutMs = GrpcTimeout.toMillis(request.getHeader("grpc-timeout"));
        } catch (IllegalArgumentException e) {
            Replies.answerLocally(request, response, exchange, new LocalReply(GrpcStatus.INTERNAL, e.getMessage()));
            return;
        }
        RouteMatch match = exchange.route();
        if (match == null) {
            String message = "no route for " + request.getMethod() + " " + exchange.header(":authority")
                    + request.getRequestURI();
            Replies.answerLocally(request, response, exchange, new LocalReply(GrpcStatus.UNIMPLEMENTED, message));
            return;
        }
        meter.routed(served.routeMetrics().of(match));
        exchange.startDeadline(GrpcTimeout.effectiveMillis(match.route().action().timeoutMs(), grpcTimeoutMs));
        try {
            super.service(request, response);
        } catch (jakarta.servlet.ServletException e) {
            throw new IOException(e);
        }
    }

    /** Runs the plugins' filters; false when the request was answered (a filter replied, or one failed). */
    private boolean runFilters(ServedSnapshot served, ProxyExchange exchange, HttpServletRequest request,
                               HttpServletResponse response) {
        boolean proceed;
        try {
            proceed = new ChainRun(served.snapshot().filters(), exchange).run();
        } catch (PluginFailure e) {
            _log.error("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e.getCause());
            Replies.answerLocally(request, response, exchange, new LocalReply(GrpcStatus.INTERNAL, e.getMessage(), 500));
            return false;
        }
        if (!proceed) {
            // Counted with the Mapping the request would have taken, so that a plugin's refusals show per route.
            exchange.meter().routed(served.routeMetrics().of(exchange.route()));
            Replies.answer(request, () -> Replies.filters(request, response, exchange));
        }
        return proceed;
    }

    private static ProxyExchange exchange(HttpServletRequest request) {
        return (ProxyExchange) request.getAttribute(EXCHANGE);
    }

    private static RouteMatch match(HttpServletRequest request) {
        return exchange(request).route();
    }

    @Override
    protected String rewriteTarget(HttpServletRequest request) {
        RouteMatch match = match(request);
        String query = request.getQueryString();
        String target = match.route().action().upstream().origin() + match.upstreamPath();
        return query == null ? target : target + "?" + query;
    }

    @Override
    protected Request newProxyRequest(HttpServletRequest request, String rewrittenTarget) {
        RouteAction action = match(request).route().action();
        return clients.forRoute(action).newRequest(rewrittenTarget)
                .method(request.getMethod())
                .version(action.grpc() ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
                .attribute(CLIENT_REQUEST_ATTRIBUTE, request);
    }

    /** HTTP/2 requests (gRPC above all) carry a body with neither Content-Length nor Transfer-Encoding. */
    @Override
    protected boolean hasContent(HttpServletRequest request) {
        if (super.hasContent(request)) {
            return true;
        }
        if (request.getContentLengthLong() == 0) {
            return false;
        }
        return LocalReply.isGrpc(request) || "HTTP/2.0".equals(request.getProtocol()) && !isBodiless(request.getMethod());
    }

    private static boolean isBodiless(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "DELETE".equals(method);
    }

    @Override
    protected Request.Content proxyRequestContent(HttpServletRequest request, HttpServletResponse response, Request proxyRequest) {
        ProxyExchange exchange = exchange(request);
        return new CallerBody(request, exchange.bodyFilters(), !exchange.changedHeaders().containsKey("content-length"));
    }

    @Override
    protected void copyRequestHeaders(HttpServletRequest request, Request proxyRequest) {
        super.copyRequestHeaders(request, proxyRequest);
        ProxyExchange exchange = exchange(request);
        RouteAction action = exchange.route().route().action();
        String te = exchange.header("te");
        proxyRequest.headers(headers -> {
            HeaderChanges.apply(headers, exchange.changedHeaders());
            if (action.grpc() || te != null && te.contains("trailers")) {
                headers.put(HttpHeader.TE, "trailers");
            }
            if (!action.grpc()) {
                // HTTP/2 upstreams get the upstream's :authority; HTTP/1.1 ones keep the caller's Host, as Envoy does.
                headers.put(HttpHeader.HOST, action.hostRewrite() != null ? action.hostRewrite() : exchange.header(":authority"));
            }
            HeaderChanges.apply(headers, action.removeRequestHeaders(), action.addRequestHeaders());
        });
    }

    @Override
    protected void addProxyHeaders(HttpServletRequest request, Request proxyRequest) {
        String remote = request.getRemoteAddr();
        String scheme = request.getScheme();
        proxyRequest.headers(headers -> {
            String forwardedFor = headers.get("x-forwarded-for");
            headers.put("x-forwarded-for", forwardedFor == null ? remote : forwardedFor + ", " + remote);
            headers.put("x-forwarded-proto", scheme);
        });
    }

    @Override
    protected void sendProxyRequest(HttpServletRequest request, HttpServletResponse response, Request proxyRequest) {
        RouteAction action = match(request).route().action();
        proxyRequest.timeout(exchange(request).timeoutMs(), TimeUnit.MILLISECONDS);
        // 0 disables the stream idle timeout; Jetty's -1 would fall back to the client's connection idle timeout.
        proxyRequest.idleTimeout(action.idleTimeoutMs(), TimeUnit.MILLISECONDS);
        // A caller that resets a quiet stream (its request sent, no reply chunk on the way) is noticed by no read or
        // write: without this the upstream call, and the gateway's request, would outlive the caller.
        RequestMeter meter = exchange(request).meter();
        ServletContextRequest.getServletContextRequest(request).addFailureListener(failure -> {
            meter.callerGone();
            proxyRequest.abort(failure);
        });
        UpstreamHeaderRoom.guard(proxyRequest, meter);
        super.sendProxyRequest(request, response, proxyRequest);
    }

    @Override
    protected void onServerResponseHeaders(HttpServletRequest request, HttpServletResponse response, Response serverResponse) {
        super.onServerResponseHeaders(request, response, serverResponse);
        RouteAction action = match(request).route().action();
        if (!action.removeResponseHeaders().isEmpty() || !action.addResponseHeaders().isEmpty()) {
            HeaderChanges.apply(response, action.removeResponseHeaders(), action.addResponseHeaders());
        }
        ProxyExchange exchange = exchange(request);
        response.setTrailerFields(new ForwardedTrailers(request, serverResponse, exchange.meter()));
        ResponseHooks hooks = exchange.responseHooks();
        if (!hooks.isEmpty()) {
            try {
                hooks.onHeaders(response);
            } catch (PluginFailure e) {
                serverResponse.abort(e);
            }
        }
        CallerHeaderRoom.check(request, response, serverResponse, exchange.meter());
    }

    /**
     * The body is written past the servlet output stream (see {@link StreamingResponseListener}), which would
     * otherwise count it against this length and abort the reply at completion: the caller's connection frames
     * the body itself (chunked or by END_STREAM).
     */
    @Override
    protected String filterServerResponseHeader(HttpServletRequest request, Response serverResponse, String name, String value) {
        return "content-length".equalsIgnoreCase(name) ? null : value;
    }

    @Override
    protected Response.Listener newProxyResponseListener(HttpServletRequest request, HttpServletResponse response) {
        return new StreamingResponseListener(request, response);
    }

    /**
     * Writes each upstream chunk to Jetty's core response as it comes, its buffer passed on without a copy: the
     * servlet output stream would copy it into a byte array and keep small gRPC messages in its buffer until the
     * next write or the end. The next chunk is asked for only once the caller's connection took this one, so a
     * slow reader holds the upstream back through HTTP/2 flow control instead of growing the gateway's buffers.
     * The end (the last, empty write and the trailers) stays with the servlet's completion.
     */
    private final class StreamingResponseListener extends ProxyResponseListener {
        private final org.eclipse.jetty.server.Response downstream;
        private final ResponseHooks hooks;
        private final RequestMeter meter;

        StreamingResponseListener(HttpServletRequest request, HttpServletResponse response) {
            super(request, response);
            this.downstream = ServletContextRequest.getServletContextRequest(request).getServletContextResponse();
            ProxyExchange exchange = exchange(request);
            this.hooks = exchange.responseHooks();
            this.meter = exchange.meter();
        }

        @Override
        public void onContent(Response upstream, Content.Chunk chunk, Runnable demander) {
            ByteBuffer bytes = chunk.getByteBuffer();
            if (!hooks.isEmpty()) {
                try {
                    bytes = hooks.onBody(bytes);
                } catch (PluginFailure e) {
                    upstream.abort(e);
                    return;
                }
                if (!bytes.hasRemaining()) {
                    demander.run();
                    return;
                }
            }
            chunk.retain();
            downstream.write(false, bytes, Callback.from(() -> {
                chunk.release();
                demander.run();
            }, failure -> {
                chunk.release();
                meter.callerGone();
                upstream.abort(failure);
            }));
        }
    }

    /** With response filters, the end may bring a last piece of body (gRPC-Web's trailer frame) and new trailers. */
    @Override
    protected void onProxyResponseSuccess(HttpServletRequest request, HttpServletResponse response, Response serverResponse) {
        ProxyExchange exchange = exchange(request);
        if (exchange.responseHooks().isEmpty()) {
            super.onProxyResponseSuccess(request, response, serverResponse);
            return;
        }
        try {
            Replies.end(request, response, exchange, new ForwardedTrailers(request, serverResponse, exchange.meter()).get());
        } catch (PluginFailure e) {
            onProxyResponseFailure(request, response, serverResponse, e);
        }
    }

    @Override
    protected void onProxyResponseFailure(HttpServletRequest request, HttpServletResponse response, Response serverResponse, Throwable failure) {
        Replies.failure(request, response, exchange(request), replyFor(request, failure));
    }

    @Override
    protected void onClientRequestFailure(HttpServletRequest request, Request proxyRequest, HttpServletResponse response, Throwable failure) {
        exchange(request).meter().callerGone();
        proxyRequest.abort(failure).whenComplete((aborted, x) -> {
            if (!aborted) {
                Replies.failure(request, response, exchange(request),
                        new LocalReply(GrpcStatus.CANCELLED, "client request failed: " + failure));
            }
        });
    }

    private static LocalReply replyFor(HttpServletRequest request, Throwable failure) {
        PluginFailure plugin = PluginFailure.in(failure);
        if (plugin != null) {
            return plugin.badRequest() ? LocalReply.badRequest(plugin.getMessage())
                    : new LocalReply(GrpcStatus.INTERNAL, plugin.getMessage(), 500);
        }
        ProxyExchange exchange = exchange(request);
        UpstreamFailure reason = UpstreamFailures.reason(failure, exchange.pastDeadline());
        exchange.meter().upstreamFailed(reason);
        return UpstreamFailures.reply(exchange.route().route().action(), reason, failure, exchange.timeoutMs());
    }
}

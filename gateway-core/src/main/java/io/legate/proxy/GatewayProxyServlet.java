package io.legate.proxy;

import io.legate.routing.HeaderValue;
import io.legate.routing.InsecurePolicies;
import io.legate.routing.RequestFacts;
import io.legate.routing.RouteAction;
import io.legate.routing.RouteMatch;
import io.legate.routing.RouteTable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.client.ContentSourceRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
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

    private static final String MATCH = GatewayProxyServlet.class.getName() + ".match";
    private static final String TIMEOUT = GatewayProxyServlet.class.getName() + ".timeout";
    private static final String STARTED = GatewayProxyServlet.class.getName() + ".started";

    private final Supplier<RouteTable> routes;
    private final Supplier<InsecurePolicies> insecure;
    private final IntSupplier httpsPort;
    private final UpstreamClients clients;

    /**
     * @param insecure  the Hosts' policies for cleartext requests
     * @param httpsPort the TLS listener's port, for redirects; -1 while it is closed
     */
    public GatewayProxyServlet(Supplier<RouteTable> routes, Supplier<InsecurePolicies> insecure, IntSupplier httpsPort,
                               UpstreamClients clients) {
        this.routes = routes;
        this.insecure = insecure;
        this.httpsPort = httpsPort;
        this.clients = clients;
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
        long grpcTimeoutMs;
        try {
            grpcTimeoutMs = GrpcTimeout.toMillis(request.getHeader("grpc-timeout"));
        } catch (IllegalArgumentException e) {
            new LocalReply(GrpcStatus.INTERNAL, e.getMessage()).send(request, response);
            return;
        }
        LocalReply refused = InsecureRequests.refusal(request, insecure.get(), httpsPort.getAsInt());
        if (refused != null) {
            if (refused.httpStatus() == 301 && !LocalReply.isGrpc(request)) {
                InsecureRequests.redirect(request, response, httpsPort.getAsInt());
            } else {
                refused.send(request, response);
            }
            return;
        }
        RouteMatch match = routes.get().match(facts(request)).orElse(null);
        if (match == null) {
            String message = "no route for " + request.getMethod() + " " + request.getServerName() + request.getRequestURI();
            new LocalReply(GrpcStatus.UNIMPLEMENTED, message).send(request, response);
            return;
        }
        request.setAttribute(MATCH, match);
        request.setAttribute(TIMEOUT, GrpcTimeout.effectiveMillis(match.route().action().timeoutMs(), grpcTimeoutMs));
        request.setAttribute(STARTED, System.nanoTime());
        try {
            super.service(request, response);
        } catch (jakarta.servlet.ServletException e) {
            throw new IOException(e);
        }
    }

    private static RequestFacts facts(HttpServletRequest request) {
        return new RequestFacts(request.getMethod(), request.getScheme(), CallerAuthority.of(request), request.getRequestURI(),
                request::getHeader);
    }

    private static RouteMatch match(HttpServletRequest request) {
        return (RouteMatch) request.getAttribute(MATCH);
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
        return new CallerBody(request);
    }

    /**
     * The caller's body, read straight from Jetty's core request instead of through the servlet input stream: no
     * copy into a servlet buffer, no listener hand-off between threads, and the caller's last DATA frame keeps its
     * END_STREAM, so a unary call reaches the upstream as HEADERS and one DATA frame.
     */
    private static final class CallerBody extends ContentSourceRequestContent {
        private final long length;

        CallerBody(HttpServletRequest request) {
            super(ServletContextRequest.getServletContextRequest(request), request.getContentType());
            this.length = request.getContentLengthLong();
        }

        @Override
        public long getLength() {
            return length;
        }

        /**
         * An upstream failure is answered by the forwarder itself; passed on, it would also fail the caller's
         * request, which Jetty would log as an error and answer a second time.
         */
        @Override
        public void fail(Throwable failure, boolean last) {
        }
    }

    @Override
    protected void copyRequestHeaders(HttpServletRequest request, Request proxyRequest) {
        super.copyRequestHeaders(request, proxyRequest);
        RouteAction action = match(request).route().action();
        String te = request.getHeader("te");
        proxyRequest.headers(headers -> {
            if (action.grpc() || te != null && te.contains("trailers")) {
                headers.put(HttpHeader.TE, "trailers");
            }
            if (!action.grpc()) {
                // HTTP/2 upstreams get the upstream's :authority; HTTP/1.1 ones keep the caller's Host, as Envoy does.
                headers.put(HttpHeader.HOST, action.hostRewrite() != null ? action.hostRewrite() : CallerAuthority.of(request));
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
        proxyRequest.timeout((Long) request.getAttribute(TIMEOUT), TimeUnit.MILLISECONDS);
        // 0 disables the stream idle timeout; Jetty's -1 would fall back to the client's connection idle timeout.
        proxyRequest.idleTimeout(action.idleTimeoutMs(), TimeUnit.MILLISECONDS);
        // A caller that resets a quiet stream (its request sent, no reply chunk on the way) is noticed by no read or
        // write: without this the upstream call, and the gateway's request, would outlive the caller.
        ServletContextRequest.getServletContextRequest(request).addFailureListener(proxyRequest::abort);
        super.sendProxyRequest(request, response, proxyRequest);
    }

    @Override
    protected void onServerResponseHeaders(HttpServletRequest request, HttpServletResponse response, Response serverResponse) {
        super.onServerResponseHeaders(request, response, serverResponse);
        RouteAction action = match(request).route().action();
        if (!action.removeResponseHeaders().isEmpty() || !action.addResponseHeaders().isEmpty()) {
            HeaderChanges.apply(response, action.removeResponseHeaders(), action.addResponseHeaders());
        }
        response.setTrailerFields(new ForwardedTrailers(request, serverResponse));
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

        StreamingResponseListener(HttpServletRequest request, HttpServletResponse response) {
            super(request, response);
            this.downstream = ServletContextRequest.getServletContextRequest(request).getServletContextResponse();
        }

        @Override
        public void onContent(Response upstream, Content.Chunk chunk, Runnable demander) {
            chunk.retain();
            downstream.write(false, chunk.getByteBuffer(), Callback.from(() -> {
                chunk.release();
                demander.run();
            }, failure -> {
                chunk.release();
                upstream.abort(failure);
            }));
        }
    }

    @Override
    protected void onProxyResponseFailure(HttpServletRequest request, HttpServletResponse response, Response serverResponse, Throwable failure) {
        fail(request, response, replyFor(request, failure));
    }

    @Override
    protected void onClientRequestFailure(HttpServletRequest request, Request proxyRequest, HttpServletResponse response, Throwable failure) {
        proxyRequest.abort(failure).whenComplete((aborted, x) -> {
            if (!aborted) {
                fail(request, response, new LocalReply(GrpcStatus.CANCELLED, "client request failed: " + failure));
            }
        });
    }

    private void fail(HttpServletRequest request, HttpServletResponse response, LocalReply reply) {
        try {
            if (!response.isCommitted()) {
                reply.send(request, response);
            } else if (LocalReply.isGrpc(request)) {
                ForwardedTrailers.replaceWith(request, reply);
            } else {
                response.sendError(-1);
            }
        } catch (IOException | RuntimeException e) {
            _log.debug("cannot answer {} with {}", request.getRequestURI(), reply, e);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().complete();
            }
        }
    }

    private static LocalReply replyFor(HttpServletRequest request, Throwable failure) {
        return UpstreamFailures.reply(match(request).route().action(), failure, (Long) request.getAttribute(TIMEOUT),
                pastDeadline(request));
    }

    /**
     * The caller's {@code grpc-timeout} travels upstream too, and the upstream may give up (reset the stream) a
     * moment before the gateway's own timer fires: past the deadline, any failure is the deadline's.
     */
    private static boolean pastDeadline(HttpServletRequest request) {
        long timeoutMs = (Long) request.getAttribute(TIMEOUT);
        long startedNanos = (Long) request.getAttribute(STARTED);
        return timeoutMs > 0 && System.nanoTime() - startedNanos >= TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }
}

package io.legate.proxy;

import io.legate.metrics.RequestMeter;
import io.legate.metrics.UpstreamFailure;
import io.legate.pluginhost.FilterChain;
import io.legate.routing.RouteAction;
import io.legate.routing.RouteMatch;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call through the gateway, from the caller's request to the end of its reply, and every way it ends.
 *
 * <pre>
 *   FILTERING --chain proceeded--> FORWARDING --upstream headers--> STREAMING --upstream ended--> ENDED
 *       |  refused, replied, no route    |  upstream failed            |  failed: gRPC status in the trailers
 *       v                                v                             v
 *   REPLYING (the gateway's own reply) ------------------------------------------------------> ENDED
 * </pre>
 *
 * A caller that goes away ends the call in any state: the upstream exchange is aborted, and a filter that resumes
 * later finds nothing left to do. Everything is written with Jetty's non-blocking core API: a caller that does not
 * read holds no thread, whoever answers it.
 */
final class ProxyCall implements UpstreamListener, ChainRun.Outcome {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyCall.class);

    enum State { FILTERING, FORWARDING, STREAMING, REPLYING, ENDED }

    private final AtomicReference<State> state = new AtomicReference<>(State.FILTERING);
    private final Forwarder forwarder;
    private final ServedSnapshot served;
    private final Request request;
    private final org.eclipse.jetty.server.Response response;
    private final AsyncContext async;
    private final RequestMeter meter;
    private final CallExchange exchange;
    private final CallerBodySource callerBody;
    private volatile HttpFields trailers;
    private volatile UpstreamCall upstream;
    private volatile boolean callerLeft;
    private final HeadFirst head = new HeadFirst();
    /** How large a header list the caller's connection takes, read once the upstream's headers came. */
    private long callerHeaderRoom = Long.MAX_VALUE;
    private RouteMatch match;
    private CallDeadline deadline;

    ProxyCall(Forwarder forwarder, ServedSnapshot served, Request request, AsyncContext async) {
        this.forwarder = forwarder;
        this.served = served;
        this.request = request;
        this.response = ((org.eclipse.jetty.ee10.servlet.ServletContextRequest) request).getServletContextResponse();
        this.async = async;
        this.meter = forwarder.metrics().meter(request);
        this.exchange = new CallExchange(request, served.snapshot().routes());
        this.callerBody = new CallerBodySource(request);
    }

    void start() {
        async.addListener(new AsyncFailures(this::callerGoneWhileWaiting));
        GatewayReply refused = CallerAdmission.refusal(request, meter, served.snapshot(), forwarder.httpsPort().getAsInt());
        if (refused != null) {
            if (refused.httpStatus() == 301 && !GatewayReply.isGrpc(request)) {
                state.set(State.REPLYING);
                CallerAdmission.redirect(request, response, served.snapshot(), forwarder.httpsPort().getAsInt());
                complete();
            } else {
                reply(refused);
            }
            return;
        }
        // A caller that resets a quiet stream (no read or write pending) is noticed only here.
        request.addFailureListener(this::callerGone);
        FilterChain filters = served.snapshot().filters();
        if (filters.isEmpty()) {
            forward();
        } else {
            new ChainRun(filters, exchange, request.getComponents().getScheduler(), this).start();
        }
    }

    @Override
    public void proceeded() {
        forward();
    }

    @Override
    public void replied() {
        // Counted with the Mapping the request would have taken, so that a plugin's refusals show per route.
        meter.routed(served.routeMetrics().of(exchange.route()));
        if (exchange.reply() instanceof FilterReply.Local local) {
            reply(local.reply());
        } else if (exchange.reply() instanceof FilterReply.Raw raw && moveTo(State.FILTERING, State.REPLYING)) {
            response.setStatus(raw.status());
            raw.headers().forEach(response.getHeaders()::put);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, raw.body().remaining());
            try {
                exchange.responseHooks().onHeaders(new ResponseView(response));
            } catch (PluginFailure e) {
                LOG.error("{}; the plugin's reply goes without it", e.getMessage(), e.getCause());
            }
            writeAndComplete(raw.body());
        }
    }

    @Override
    public void failed(PluginFailure failure) {
        LOG.error("{}: {}", UpstreamRequests.describe(request), failure.getMessage(), failure.getCause());
        reply(new GatewayReply(GrpcStatus.INTERNAL, failure.getMessage(), 500));
    }

    private void forward() {
        long grpcTimeoutMs;
        try {
            grpcTimeoutMs = GrpcTimeout.toMillis(request.getHeaders().get("grpc-timeout"));
        } catch (IllegalArgumentException e) {
            reply(new GatewayReply(GrpcStatus.INTERNAL, e.getMessage()));
            return;
        }
        match = exchange.route();
        if (match == null) {
            reply(new GatewayReply(GrpcStatus.UNIMPLEMENTED, "no route for " + UpstreamRequests.describe(request)));
            return;
        }
        meter.routed(served.routeMetrics().of(match));
        meter.upstream(match.route().action().upstream());
        String unavailable = match.route().unavailable();
        if (unavailable != null) {
            // A plugin the route needs is missing or broken: never served without it.
            reply(new GatewayReply(GrpcStatus.UNAVAILABLE, unavailable));
            return;
        }
        deadline = CallDeadline.startingNow(
                GrpcTimeout.effectiveMillis(match.route().action().timeoutMs(), grpcTimeoutMs));
        if (moveTo(State.FILTERING, State.FORWARDING)) {
            UpstreamCall started = UpstreamTries.start(forwarder, request, callerBody, exchange, match,
                    served.clusters().of(match), meter, deadline.timeoutMs(), this);
            upstream = started;
            if (callerLeft) {
                // The caller went while the exchange was being started, and found nothing to abort then.
                started.abort(new IOException("the caller has gone"));
            }
        }
    }

    @Override
    public void onHeaders(int status, HttpFields headers) {
        if (!moveTo(State.FORWARDING, State.STREAMING)) {
            upstream.abort(new IOException("the call has ended"));
            return;
        }
        response.setStatus(status);
        // The caller's connection frames the body itself (chunked, or END_STREAM), as the upstream sends it.
        HopByHop.copy(headers, response.getHeaders(), HttpHeader.CONTENT_LENGTH);
        RouteAction action = match.route().action();
        if (!action.removeResponseHeaders().isEmpty() || !action.addResponseHeaders().isEmpty()) {
            HeaderChanges.apply(response.getHeaders(), action.removeResponseHeaders(), action.addResponseHeaders());
        }
        response.setTrailersSupplier(() -> trailers);
        ResponseHooks hooks = exchange.responseHooks();
        if (!hooks.isEmpty()) {
            try {
                hooks.onHeaders(new ResponseView(response));
            } catch (PluginFailure e) {
                upstream.abort(e);
                return;
            }
        }
        callerHeaderRoom = CallerHeaderRoom.of(request);
        HeadersTooLarge tooLarge = CallerHeaderRoom.checkHeaders(callerHeaderRoom, response.getHeaders(), meter);
        if (tooLarge != null) {
            upstream.abort(tooLarge);
            return;
        }
        if (GatewayReply.isGrpc(headers.get(HttpHeader.CONTENT_TYPE)) && !headers.contains("grpc-status")) {
            // A gRPC server may send its headers long before its first message (a watch, a long poll): they go on at
            // once, as they would reach a caller without the gateway. A trailers-only reply (its status in the
            // headers) must stay one HEADERS frame, and goes with the end.
            head.write(response, this::callerGone);
        }
    }

    /**
     * Passes a chunk of the upstream's body on, its buffer without a copy. The next chunk comes only once the
     * caller's connection took this one, so a slow reader holds the upstream back through HTTP/2 flow control
     * instead of growing the gateway's buffers.
     */
    @Override
    public void onData(ByteBuffer bytes, Callback done) {
        head.then(() -> write(bytes, done));
    }

    private void write(ByteBuffer bytes, Callback done) {
        if (state.get() == State.ENDED) {
            // The caller went: its exchange may already serve another request of its connection.
            done.failed(new IOException("the call has ended"));
            return;
        }
        ResponseHooks hooks = exchange.responseHooks();
        if (!hooks.isEmpty()) {
            try {
                bytes = hooks.onBody(bytes);
            } catch (PluginFailure e) {
                done.failed(e);
                return;
            }
            if (!bytes.hasRemaining()) {
                done.succeeded();
                return;
            }
        }
        response.write(false, bytes, Callback.from(done::succeeded, failure -> {
            // The caller is known gone before the upstream hears of it: the upstream's failure, which may end the
            // call at once, is then not counted as one.
            callerGone(failure);
            done.failed(failure);
        }));
    }

    @Override
    public void onEnd(HttpFields upstreamTrailers) {
        head.then(() -> ended(upstreamTrailers));
    }

    @Override
    public void onFailure(Throwable failure) {
        head.then(() -> upstreamFailed(failure));
    }

    /** The upstream's response ended well: its trailers, through the response filters, end the caller's. */
    private void ended(HttpFields upstreamTrailers) {
        if (upstreamTrailers != null) {
            String status = upstreamTrailers.get("grpc-status");
            if (status != null) {
                meter.grpcStatus(status);
            }
        }
        if (exchange.responseHooks().isEmpty()) {
            trailers = CallerHeaderRoom.fitted(callerHeaderRoom, upstreamTrailers, meter);
            complete();
            return;
        }
        try {
            endThroughHooks(FilteredTrailers.of(upstreamTrailers));
        } catch (PluginFailure e) {
            upstreamFailed(e);
        }
    }

    private void endThroughHooks(Map<String, String> filtered) {
        ByteBuffer tail = exchange.responseHooks().onEnd(new ResponseView(response), filtered);
        trailers = CallerHeaderRoom.fitted(callerHeaderRoom, FilteredTrailers.fields(filtered), meter);
        writeAndComplete(tail);
    }

    /** The upstream exchange failed: the caller is answered while nothing was sent, else told how it can be. */
    private void upstreamFailed(Throwable failure) {
        if (state.get() == State.ENDED) {
            return;
        }
        GatewayReply reply = replyFor(failure);
        if (!response.isCommitted()) {
            reply(reply);
        } else if (!GatewayReply.isGrpc(request)) {
            abort(failure);
        } else if (exchange.responseHooks().isEmpty()) {
            meter.grpcStatus(Integer.toString(reply.status().code()));
            trailers = FilteredTrailers.fields(reply.trailers());
            complete();
        } else {
            // Counted before the filters see the status: they may move it into the body (gRPC-Web's trailer frame).
            meter.grpcStatus(Integer.toString(reply.status().code()));
            try {
                endThroughHooks(new LinkedHashMap<>(reply.trailers()));
            } catch (PluginFailure e) {
                LOG.error("{}; the response ends without it", e.getMessage(), e.getCause());
                trailers = FilteredTrailers.fields(reply.trailers());
                complete();
            }
        }
    }

    private GatewayReply replyFor(Throwable failure) {
        PluginFailure plugin = PluginFailure.in(failure);
        if (plugin != null) {
            return plugin.badRequest() ? GatewayReply.badRequest(plugin.getMessage())
                    : new GatewayReply(GrpcStatus.INTERNAL, plugin.getMessage(), 500);
        }
        CallerBodyFailure caller = CallerBodyFailure.in(failure);
        if (caller != null) {
            // The caller broke its own request off: nothing is counted against the upstream.
            return new GatewayReply(GrpcStatus.CANCELLED, caller.getMessage(), 400);
        }
        UpstreamFailure reason = UpstreamFailures.reason(failure, deadline.passed());
        meter.upstreamFailed(reason);
        return UpstreamFailures.reply(match.route().action(), reason, failure, deadline.timeoutMs());
    }

    /** A reply of the gateway's own, through the response filters, in place of anything not yet sent. */
    private void reply(GatewayReply reply) {
        State from = state.get();
        if (from == State.ENDED || from == State.REPLYING || !state.compareAndSet(from, State.REPLYING)) {
            return;
        }
        ByteBuffer body = reply.head(request, response);
        try {
            exchange.responseHooks().onHeaders(new ResponseView(response));
        } catch (PluginFailure e) {
            LOG.error("{}; the gateway's reply goes without it", e.getMessage(), e.getCause());
            body = reply.head(request, response);
        }
        writeAndComplete(body);
    }

    private void writeAndComplete(ByteBuffer body) {
        if (!body.hasRemaining()) {
            complete();
            return;
        }
        response.write(false, body, Callback.from(this::complete, failure -> complete()));
    }

    /**
     * Ends the caller's exchange: the servlet's completion writes the end of the reply, and the trailers. The
     * caller's body is read no more from here on, wherever the upstream exchange stands.
     */
    private void complete() {
        state.set(State.ENDED);
        callerBody.end();
        try {
            async.complete();
        } catch (IllegalStateException alreadyEnded) {
            // The caller went away and the container ended it.
        }
    }

    /**
     * Breaks the caller's exchange off: a reply that is not gRPC and was already started (no status can be told any
     * more), or any reply to a caller that went away.
     */
    private void abort(Throwable failure) {
        state.set(State.ENDED);
        try {
            ((HttpServletResponse) async.getResponse()).sendError(-1);
        } catch (IOException | IllegalStateException e) {
            LOG.debug("cannot break off {}", UpstreamRequests.describe(request), e);
        }
        complete();
    }

    /**
     * The caller went away: a call still in the filters ends here; one with the upstream is aborted, and ends as
     * an upstream failure would, answering no one.
     */
    private void callerGone(Throwable failure) {
        callerLeft = true;
        meter.callerGone();
        if (moveTo(State.FILTERING, State.ENDED)) {
            complete();
            return;
        }
        UpstreamCall upstream = this.upstream;
        if (upstream != null) {
            upstream.abort(failure);
        }
    }

    /**
     * The container's report of a caller that went away while no servlet code ran for the call. Jetty keeps that
     * failure, and the call ends here at once, whatever its state: left to Jetty, a reply not yet committed would
     * get Jetty's error page beside the gateway's own, and the failure would be handed over once more when the
     * call completed later, which Jetty logs as a warning with its stack trace.
     */
    private void callerGoneWhileWaiting(Throwable failure) {
        abort(failure);
        callerGone(failure);
    }

    private boolean moveTo(State from, State to) {
        return state.compareAndSet(from, to);
    }
}

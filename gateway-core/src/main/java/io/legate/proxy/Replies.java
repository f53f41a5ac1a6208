package io.legate.proxy;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the forwarder answers and ends an exchange in the presence of plugins: their response filters see the
 * gateway's own replies and a filter's reply, and end a response with what they add (gRPC-Web's trailer frame).
 * A filter that fails there is logged, named, and left out, so that the caller still gets an answer.
 *
 * <p>The gateway's own answers are written on a thread of the container's. Requests and the upstream's listeners
 * run on the threads that read the connections (the handler and the upstream clients are non-blocking, and no
 * thread is kept in reserve: {@code LegateServer}), and the servlet output stream blocks while the caller's flow
 * control holds a body back, which must not hold up every connection such a thread reads.
 */
final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    /** Something the gateway writes itself, which may block on the caller's flow control. */
    @FunctionalInterface
    interface Answer {
        void write() throws IOException;
    }

    /** Writes an answer of the gateway's own on a container thread, then completes the exchange. */
    static void answer(HttpServletRequest request, Answer answer) {
        onContainerThread(request, () -> {
            try {
                answer.write();
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot answer {}", request.getRequestURI(), e);
            } finally {
                complete(request);
            }
        });
    }

    /** Writes a reply of the gateway's own, through the response filters, on a container thread. */
    static void answerLocally(HttpServletRequest request, HttpServletResponse response, ProxyExchange exchange,
                              LocalReply reply) {
        answer(request, () -> local(request, response, exchange, reply));
    }

    /**
     * Ends a forwarded exchange that failed, on a container thread: the reply itself while nothing was sent, else
     * the gateway's status in the trailers of a started gRPC response, else a broken-off response.
     */
    static void failure(HttpServletRequest request, HttpServletResponse response, ProxyExchange exchange,
                        LocalReply reply) {
        onContainerThread(request, () -> {
            try {
                if (!response.isCommitted()) {
                    local(request, response, exchange, reply);
                } else if (LocalReply.isGrpc(request) && !exchange.responseHooks().isEmpty()) {
                    endWith(request, response, exchange, reply);
                    return;
                } else if (LocalReply.isGrpc(request)) {
                    ForwardedTrailers.replaceWith(request, reply.trailers());
                } else {
                    response.sendError(-1);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot answer {} with {}", request.getRequestURI(), reply, e);
            }
            complete(request);
        });
    }

    private static void onContainerThread(HttpServletRequest request, Runnable work) {
        AsyncContext async;
        try {
            if (request.isAsyncStarted()) {
                async = request.getAsyncContext();
            } else {
                async = request.startAsync();
                async.setTimeout(0);
            }
        } catch (IllegalStateException callerGone) {
            LOG.debug("{}: no one left to answer", request.getRequestURI());
            return;
        }
        async.start(work);
    }

    /** A reply of the gateway's own; the caller completes the exchange. */
    static void local(HttpServletRequest request, HttpServletResponse response, ProxyExchange exchange, LocalReply reply)
            throws IOException {
        try {
            reply.send(request, response, exchange.responseHooks()::onHeaders);
        } catch (PluginFailure e) {
            LOG.error("{}; the gateway's reply goes without it", e.getMessage(), e.getCause());
            reply.send(request, response);
        }
    }

    /** What a filter answered instead of proceeding. */
    static void filters(HttpServletRequest request, HttpServletResponse response, ProxyExchange exchange)
            throws IOException {
        if (exchange.reply() instanceof ProxyExchange.Local local) {
            local(request, response, exchange, local.reply());
        } else if (exchange.reply() instanceof ProxyExchange.Raw raw) {
            response.setStatus(raw.status());
            raw.headers().forEach(response::setHeader);
            response.setContentLength(raw.body().remaining());
            try {
                exchange.responseHooks().onHeaders(response);
            } catch (PluginFailure e) {
                LOG.error("{}; the plugin's reply goes without it", e.getMessage(), e.getCause());
            }
            byte[] body = new byte[raw.body().remaining()];
            raw.body().get(body);
            response.getOutputStream().write(body);
        }
    }

    /**
     * Ends a response through the response filters: what they add to the body is written, the trailers they leave
     * are sent, and the exchange is completed.
     *
     * @throws PluginFailure when a filter fails; nothing was written then
     */
    static void end(HttpServletRequest request, HttpServletResponse response, ProxyExchange exchange,
                    Map<String, String> trailers) {
        Map<String, String> filtered = ForwardedTrailers.mutable(trailers);
        ByteBuffer tail = exchange.responseHooks().onEnd(response, filtered);
        ForwardedTrailers.replaceWith(request, filtered);
        if (!tail.hasRemaining()) {
            complete(request);
            return;
        }
        ServletContextRequest.getServletContextRequest(request).getServletContextResponse()
                .write(false, tail, Callback.from(() -> complete(request), failure -> complete(request)));
    }

    /** A started gRPC response whose status is the gateway's: the response filters end it as any other. */
    static void endWith(HttpServletRequest request, HttpServletResponse response, ProxyExchange exchange,
                        LocalReply reply) {
        // Counted before the filters see the status: they may move it into the body (gRPC-Web's trailer frame).
        ForwardedTrailers.counted(exchange.meter(), reply.trailers());
        try {
            end(request, response, exchange, reply.trailers());
        } catch (PluginFailure e) {
            LOG.error("{}; the response ends without it", e.getMessage(), e.getCause());
            ForwardedTrailers.replaceWith(request, reply.trailers());
            complete(request);
        }
    }

    /** Ends the caller's exchange; one the container already ended (the caller went away) stays ended. */
    static void complete(HttpServletRequest request) {
        try {
            request.getAsyncContext().complete();
        } catch (IllegalStateException alreadyEnded) {
            // Nothing left to end.
        }
    }
}

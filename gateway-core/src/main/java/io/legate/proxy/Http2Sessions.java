package io.legate.proxy;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.PingFrame;
import org.eclipse.jetty.util.Callback;

/**
 * One multiplexed HTTP/2 session per endpoint of cleartext upstreams (h2c by prior knowledge), opened on first use and replaced
 * once it closes, fails or is told to go away (calls on it then finish on it). A failed connect fails the calls
 * that waited for it; the next call tries again.
 */
final class Http2Sessions {

    private final HTTP2Client client;
    private final long keepalivePingMs;
    private final ConcurrentMap<InetSocketAddress, CompletableFuture<Session>> sessions = new ConcurrentHashMap<>();

    Http2Sessions(HTTP2Client client, long keepalivePingMs) {
        this.client = client;
        this.keepalivePingMs = keepalivePingMs;
    }

    /**
     * The session to {@code upstream}, an endpoint's address, open or on its way.
     *
     * @param lifetimeMs how long a new session serves new calls; 0 for as long as it stays open
     */
    CompletableFuture<Session> session(InetSocketAddress upstream, long connectTimeoutMs, long lifetimeMs) {
        while (true) {
            CompletableFuture<Session> session = sessions.get(upstream);
            if (session == null) {
                CompletableFuture<Session> opening = new CompletableFuture<>();
                if (sessions.putIfAbsent(upstream, opening) == null) {
                    connect(upstream, connectTimeoutMs, lifetimeMs, opening);
                    return opening;
                }
            } else if (!session.isDone() || !session.isCompletedExceptionally() && !session.join().isClosed()) {
                return session;
            } else {
                sessions.remove(upstream, session);
            }
        }
    }

    private void connect(InetSocketAddress upstream, long connectTimeoutMs, long lifetimeMs,
                         CompletableFuture<Session> opening) {
        Retiring retiring = new Retiring(upstream, opening);
        client.connect(upstream, retiring)
                .whenComplete((session, failure) -> {
                    if (failure != null) {
                        sessions.remove(upstream, opening);
                        opening.completeExceptionally(failure);
                    } else if (opening.complete(session)) {
                        retiring.upkeep.start(session, lifetimeMs);
                    } else {
                        // Too late: the calls that waited have failed already.
                        session.close(0, "connect timed out", Callback.NOOP);
                    }
                });
        if (connectTimeoutMs > 0) {
            client.getScheduler().schedule(() -> {
                // As a socket's connect timeout reads: the upstream is unreachable, not slow to answer.
                if (opening.completeExceptionally(new SocketTimeoutException("connect timeout " + connectTimeoutMs + " ms"))) {
                    sessions.remove(upstream, opening);
                }
            }, connectTimeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Takes a session out of the pool once it cannot take new streams, or should not any more. */
    private final class Retiring implements Session.Listener {
        private final InetSocketAddress origin;
        private final CompletableFuture<Session> session;
        private final SessionUpkeep upkeep;

        Retiring(InetSocketAddress origin, CompletableFuture<Session> session) {
            this.origin = origin;
            this.session = session;
            this.upkeep = new SessionUpkeep(client.getScheduler(), keepalivePingMs, () -> sessions.remove(origin, session));
        }

        @Override
        public void onPing(Session ignored, PingFrame frame) {
            if (frame.isReply()) {
                upkeep.ponged();
            }
        }

        @Override
        public void onGoAway(Session ignored, GoAwayFrame frame) {
            sessions.remove(origin, session);
        }

        @Override
        public void onClose(Session ignored, GoAwayFrame frame, Callback callback) {
            sessions.remove(origin, session);
            callback.succeeded();
        }

        @Override
        public void onFailure(Session ignored, Throwable failure, Callback callback) {
            sessions.remove(origin, session);
            callback.succeeded();
        }
    }
}

package io.legate.proxy;

import io.legate.routing.Upstream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.util.Callback;

/**
 * One multiplexed HTTP/2 session per cleartext upstream (h2c by prior knowledge), opened on first use and replaced
 * once it closes, fails or is told to go away (calls on it then finish on it). A failed connect fails the calls
 * that waited for it; the next call tries again.
 */
final class Http2Sessions {

    private final HTTP2Client client;
    private final ConcurrentMap<String, CompletableFuture<Session>> sessions = new ConcurrentHashMap<>();

    Http2Sessions(HTTP2Client client) {
        this.client = client;
    }

    /** The session to {@code upstream}, open or on its way. */
    CompletableFuture<Session> session(Upstream upstream, long connectTimeoutMs) {
        String origin = upstream.host() + ":" + upstream.port();
        while (true) {
            CompletableFuture<Session> session = sessions.get(origin);
            if (session == null) {
                CompletableFuture<Session> opening = new CompletableFuture<>();
                if (sessions.putIfAbsent(origin, opening) == null) {
                    connect(origin, upstream, connectTimeoutMs, opening);
                    return opening;
                }
            } else if (!session.isDone() || !session.isCompletedExceptionally() && !session.join().isClosed()) {
                return session;
            } else {
                sessions.remove(origin, session);
            }
        }
    }

    private void connect(String origin, Upstream upstream, long connectTimeoutMs, CompletableFuture<Session> opening) {
        Retiring retiring = new Retiring(origin, opening);
        client.connect(new InetSocketAddress(upstream.host(), upstream.port()), retiring)
                .whenComplete((session, failure) -> {
                    if (failure != null) {
                        sessions.remove(origin, opening);
                        opening.completeExceptionally(failure);
                    } else if (!opening.complete(session)) {
                        // Too late: the calls that waited have failed already.
                        session.close(0, "connect timed out", Callback.NOOP);
                    }
                });
        if (connectTimeoutMs > 0) {
            client.getScheduler().schedule(() -> {
                // As a socket's connect timeout reads: the upstream is unreachable, not slow to answer.
                if (opening.completeExceptionally(new SocketTimeoutException("connect timeout " + connectTimeoutMs + " ms"))) {
                    sessions.remove(origin, opening);
                }
            }, connectTimeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Takes a session out of the pool once it cannot take new streams. */
    private final class Retiring implements Session.Listener {
        private final String origin;
        private final CompletableFuture<Session> session;

        Retiring(String origin, CompletableFuture<Session> session) {
            this.origin = origin;
            this.session = session;
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

package io.legate.proxy;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.frames.PingFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Keeps a pooled upstream session honest: a PING every so often (30 s by default), and the session closed when
 * one is still unanswered at the next (a peer that vanished without a FIN would otherwise hold calls until their
 * deadline); and, given a lifetime, the session taken out of the pool once that old, closed once its streams end,
 * so that new calls open a fresh connection (Emissary's {@code cluster_max_connection_lifetime_ms}).
 */
final class SessionUpkeep {

    private final Scheduler scheduler;
    private final long pingEveryMs;
    private final Runnable retire;
    private volatile Session session;
    private volatile boolean awaitingPong;

    /** @param retire takes the session out of the pool */
    SessionUpkeep(Scheduler scheduler, long pingEveryMs, Runnable retire) {
        this.scheduler = scheduler;
        this.pingEveryMs = pingEveryMs;
        this.retire = retire;
    }

    /** Starts looking after {@code opened}; {@code lifetimeMs} 0 for no lifetime. */
    void start(Session opened, long lifetimeMs) {
        this.session = opened;
        scheduler.schedule(this::ping, pingEveryMs, TimeUnit.MILLISECONDS);
        if (lifetimeMs > 0) {
            scheduler.schedule(this::expire, lifetimeMs, TimeUnit.MILLISECONDS);
        }
    }

    /** The peer answered a PING. */
    void ponged() {
        awaitingPong = false;
    }

    private void ping() {
        Session open = session;
        if (open.isClosed()) {
            return;
        }
        if (awaitingPong) {
            retire.run();
            // The peer is gone: a GOAWAY would wait for it, so the connection is dropped and its calls fail now.
            if (open instanceof HTTP2Session session) {
                session.disconnect();
            } else {
                open.close(ErrorCode.NO_ERROR.code, "keepalive PING unanswered", Callback.NOOP);
            }
            return;
        }
        awaitingPong = true;
        open.ping(new PingFrame(false), Callback.NOOP);
        scheduler.schedule(this::ping, pingEveryMs, TimeUnit.MILLISECONDS);
    }

    private void expire() {
        retire.run();
        Session old = session;
        // Some peers (grpc-java) never answer a GOAWAY by closing: once its calls ended, the connection is dropped.
        old.shutdown().whenComplete((done, failure) -> {
            if (old instanceof HTTP2Session ended) {
                ended.disconnect();
            }
        });
    }
}

package io.legate.server;

import io.legate.metrics.Refusal;
import io.legate.metrics.Refusals;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Closes a caller connection that has not brought in the headers of a first request within the header timeout,
 * counted from its accept: TLS handshake, HTTP/2 preface and a whole header block included. The idle timeout
 * alone lets a slowloris client, which sends a byte now and then, or an HTTP/2 client that never ends its header
 * block, keep a connection (and its file descriptor) for ever.
 */
final class HeaderTimeout implements Connection.Listener {

    private final Scheduler scheduler;
    private final long timeoutMs;
    private final Refusals refusals;
    /** The network end points waiting for their deadline; each is in here at most {@code timeoutMs}. */
    private final Set<EndPoint> timed = ConcurrentHashMap.newKeySet();

    HeaderTimeout(Scheduler scheduler, long timeoutMs, Refusals refusals) {
        this.scheduler = scheduler;
        this.timeoutMs = timeoutMs;
        this.refusals = refusals;
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint network = connection.getEndPoint();
        // A TLS connection's protocols open over the decrypted end point, and an upgrade (h2c) opens a second
        // connection over the same one: the deadline is the network end point's, set once.
        if (network instanceof SslConnection.SslEndPoint || !timed.add(network)) {
            return;
        }
        scheduler.schedule(() -> expire(network), timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void expire(EndPoint network) {
        timed.remove(network);
        if (network.isOpen() && requestsIn(network.getConnection()) <= 0) {
            refusals.count(Refusal.HEADER_TIMEOUT);
            network.close(new HeaderTimeoutException(timeoutMs));
        }
    }

    /**
     * Requests whose headers came in whole: HTTP/1.1 requests, HTTP/2 streams opened; -1 from a connection that
     * counts none (TLS and ALPN still negotiating).
     */
    private static long requestsIn(Connection connection) {
        if (connection instanceof SslConnection tls) {
            Connection decrypted = tls.getSslEndPoint().getConnection();
            return decrypted == null || decrypted == tls ? 0 : requestsIn(decrypted);
        }
        return connection == null ? 0 : connection.getMessagesIn();
    }

    private static final class HeaderTimeoutException extends Exception {
        HeaderTimeoutException(long timeoutMs) {
            super("no request headers within " + timeoutMs + " ms", null, false, false);
        }
    }
}

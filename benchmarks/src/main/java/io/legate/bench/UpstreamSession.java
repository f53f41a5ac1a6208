package io.legate.bench;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpScheme;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.util.Promise;

/**
 * The one HTTP/2 session (h2c by prior knowledge) every forwarded stream opens its upstream stream on: connected on
 * first use, and again once it closed or was told to go away; a failed connect fails the streams that waited for it.
 */
final class UpstreamSession {

    private final HTTP2Client client;
    private final InetSocketAddress address;
    private final HostPortHttpField authority;
    private final AtomicReference<CompletableFuture<Session>> current = new AtomicReference<>();

    /** @param upstream host:port */
    UpstreamSession(HTTP2Client client, String upstream) {
        int colon = upstream.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("upstream: \"" + upstream + "\" (expected: HOST:PORT)");
        }
        this.client = client;
        this.address = new InetSocketAddress(upstream.substring(0, colon), ReferenceRow.port("upstream port",
                upstream.substring(colon + 1), 1));
        this.authority = new HostPortHttpField(upstream);
    }

    /** The caller's request as the upstream gets it: the same method, path and headers, the upstream's authority. */
    MetaData.Request head(MetaData.Request caller) {
        return new MetaData.Request(caller.getMethod(), HttpScheme.HTTP.asString(), authority,
                caller.getHttpURI().getPathQuery(), HttpVersion.HTTP_2, caller.getHttpFields(),
                caller.getContentLength());
    }

    /** The session, open or on its way. */
    CompletableFuture<Session> session() {
        while (true) {
            CompletableFuture<Session> session = current.get();
            if (session != null && !session.isCompletedExceptionally()
                    && !(session.isDone() && session.join().isClosed())) {
                return session;
            }
            Promise.Completable<Session> next = new Promise.Completable<>();
            if (current.compareAndSet(session, next)) {
                client.connect(address, new Session.Listener() { }, next);
                return next;
            }
        }
    }
}

package io.legate.proxy;

import io.legate.metrics.UpstreamFailure;
import io.legate.upstream.Cluster;
import io.legate.upstream.Endpoint;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http2.api.Session;

/**
 * The circuit breakers that guard an upstream's connections: {@code max_connections} (endpoints a cluster's calls
 * hold a connection to) and {@code max_pending_requests} (calls waiting for a connection to open). Over either, the
 * call gets no session, and fails at once naming the limit.
 */
final class ConnectionBreakers {

    private ConnectionBreakers() {
    }

    static CompletableFuture<Session> session(Http2Sessions sessions, Cluster cluster, InetSocketAddress endpoint,
                                              long connectTimeoutMs, long lifetimeMs) {
        if (!sessions.has(endpoint) && cluster.maxConnections() != Integer.MAX_VALUE
                && connected(sessions, cluster) >= cluster.maxConnections()) {
            return refused("circuit breaker max_connections (" + cluster.maxConnections() + ") reached", cluster);
        }
        CompletableFuture<Session> session = sessions.session(endpoint, connectTimeoutMs, lifetimeMs);
        if (!session.isDone()) {
            String refused = cluster.admitPending();
            if (refused != null) {
                return refused(refused, cluster);
            }
            session.whenComplete((open, failure) -> cluster.pendingEnded());
        }
        return session;
    }

    private static long connected(Http2Sessions sessions, Cluster cluster) {
        return cluster.endpoints().stream().map(Endpoint::address).filter(sessions::has).count();
    }

    private static CompletableFuture<Session> refused(String limit, Cluster cluster) {
        return CompletableFuture.failedFuture(new UpstreamRefused(UpstreamFailure.OVERFLOW,
                limit + " for upstream " + cluster.upstream().origin()));
    }
}

package io.legate.proxy;

import io.legate.metrics.UpstreamFailure;
import io.legate.upstream.Cluster;
import io.legate.upstream.Endpoint;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.api.Session;

/**
 * The circuit breakers that guard an upstream's connections: {@code max_connections} (connections to the endpoints
 * of a cluster: one session each over cleartext HTTP/2) and {@code max_pending_requests} (calls waiting for a
 * connection to open). Over either, the call gets no connection, and fails at once naming the limit.
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

    /**
     * Sends {@code request}, tagged with its {@link EndpointPool}, through {@code client}, unless the connection it
     * needs is over a limit: then {@code listener} hears the refusal at once. A call needs a connection when its
     * endpoint's pool has none to give it now; it waits beside the calls already waiting for one being opened.
     */
    static UpstreamCall send(HttpClient client, Request request, Cluster cluster, UpstreamListener listener) {
        if (cluster.maxConnections() == Integer.MAX_VALUE && cluster.maxPendingRequests() == Integer.MAX_VALUE) {
            return HttpClientUpstream.send(request, listener);
        }
        // One call at a time per cluster between the count and the send, which takes or reserves the connection on
        // this thread: the next call counts it.
        synchronized (cluster) {
            AbstractConnectionPool pool = (AbstractConnectionPool) client.resolveDestination(request).getConnectionPool();
            if (pool.getIdleConnectionCount() == 0 && !(multiplexed(request) && pool.getActiveConnectionCount() > 0)) {
                boolean joining = multiplexed(request) && pool.getPendingConnectionCount() > 0;
                if (!joining && opened(client, cluster) >= cluster.maxConnections()) {
                    return refused(listener, "circuit breaker max_connections (" + cluster.maxConnections()
                            + ") reached", cluster);
                }
                String refused = cluster.admitPending();
                if (refused != null) {
                    return refused(listener, refused, cluster);
                }
                Runnable connected = once(cluster::pendingEnded);
                request.onRequestBegin(begun -> connected.run()).onComplete(result -> connected.run());
            }
            return HttpClientUpstream.send(request, listener);
        }
    }

    private static boolean multiplexed(Request request) {
        return request.getVersion() == HttpVersion.HTTP_2;
    }

    /** The connections of {@code client}'s pools to the cluster's endpoints, open or opening. */
    private static int opened(HttpClient client, Cluster cluster) {
        Set<InetSocketAddress> endpoints = cluster.endpoints().stream().map(Endpoint::address)
                .collect(Collectors.toSet());
        int connections = 0;
        for (Destination destination : client.getDestinations()) {
            if (destination.getOrigin().getTag() instanceof EndpointPool tag && endpoints.contains(tag.address())) {
                connections += ((AbstractConnectionPool) destination.getConnectionPool()).getConnectionCount();
            }
        }
        return connections;
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    private static UpstreamCall refused(UpstreamListener listener, String limit, Cluster cluster) {
        listener.onFailure(refusal(limit, cluster));
        return cause -> {
        };
    }

    private static long connected(Http2Sessions sessions, Cluster cluster) {
        return cluster.endpoints().stream().map(Endpoint::address).filter(sessions::has).count();
    }

    private static CompletableFuture<Session> refused(String limit, Cluster cluster) {
        return CompletableFuture.failedFuture(refusal(limit, cluster));
    }

    private static UpstreamRefused refusal(String limit, Cluster cluster) {
        return new UpstreamRefused(UpstreamFailure.OVERFLOW, limit + " for upstream " + cluster.upstream().origin());
    }
}

package io.legate.proxy;

import io.legate.routing.RouteAction;
import java.net.InetSocketAddress;
import org.eclipse.jetty.client.ConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.MultiplexConnectionPool;

/**
 * The tag of a request HttpClient sends to one endpoint: the endpoint's address, and what bounds its connection pool.
 * A tag sets a destination apart, so each endpoint gets a pool of its own, and routes with other limits other pools.
 *
 * @param maxConnections {@code max_connections}: the most connections the pool opens, however many calls wait
 * @param lifetimeMs     {@code cluster_max_connection_lifetime_ms}: how long a connection takes new calls; 0 for as
 *                       long as it stays open
 */
record EndpointPool(InetSocketAddress address, int maxConnections, long lifetimeMs) {

    static EndpointPool of(InetSocketAddress address, RouteAction action) {
        return new EndpointPool(address, action.policy().breakers().maxConnections(),
                action.policy().connectionLifetimeMs());
    }

    /**
     * The pool of a destination: HttpClient's own (one that multiplexes as far as each connection's protocol lets),
     * bounded by the tag's limits.
     */
    static ConnectionPool newConnectionPool(Destination destination) {
        int max = destination.getHttpClient().getMaxConnectionsPerDestination();
        MultiplexConnectionPool pool;
        if (destination.getOrigin().getTag() instanceof EndpointPool tag) {
            pool = new MultiplexConnectionPool(destination, Math.min(max, tag.maxConnections()), 1);
            // Jetty closes a connection past its duration once its last exchange ends, and sends it no new one.
            pool.setMaxDuration(tag.lifetimeMs());
        } else {
            pool = new MultiplexConnectionPool(destination, max, 1);
        }
        return pool;
    }
}

package io.legate.server;

import io.legate.config.CallerConnections;
import io.legate.config.PeerLimits;
import io.legate.metrics.GatewayMetrics;
import io.legate.metrics.Refusals;
import io.legate.proxy.HeaderScreen;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The limits against hostile callers, applied to each traffic listener: header list and block sizes, connections
 * in all and per client, the header and idle timeouts, HTTP/2 frame floods, streams per connection and the age of
 * connections.
 */
final class ListenerGuards {

    private final PeerLimits limits;
    private final Refusals refusals;
    private final ClientConnectionLimit connections;
    private final HeaderTimeout headerTimeout;
    private final CallerConnections callers;
    private final ConnectionAge connectionAge;

    ListenerGuards(PeerLimits limits, CallerConnections callers, GatewayMetrics metrics, Scheduler scheduler) {
        this.limits = limits;
        this.refusals = metrics.refusals();
        this.connections = new ClientConnectionLimit(limits.maxConnections(), limits.maxConnectionsPerClient(), refusals);
        this.headerTimeout = new HeaderTimeout(scheduler, limits.headerTimeoutMs(), refusals);
        this.callers = callers;
        this.connectionAge = callers.ages()
                ? new ConnectionAge(callers.maxConnectionAgeMs(), scheduler, metrics.registry()) : null;
    }

    /**
     * Jetty ends the connection of a header block over this size (HTTP/1.1: 431 and close; HTTP/2: GOAWAY): it is
     * set well above the caller limit, which {@link HeaderScreen} enforces per request.
     */
    HttpConfiguration configure(HttpConfiguration http) {
        http.setRequestHeaderSize(limits.callerHeaderBlockBytes());
        // HTTP/1.1 callers get upstream headers up to the upstream limit, plus what routes add.
        http.setResponseHeaderSize(Math.max(http.getResponseHeaderSize(), 2 * limits.upstreamHeaderListBytes()));
        return http;
    }

    void configure(AbstractHTTP2ServerConnectionFactory http2) {
        http2.setMaxConcurrentStreams(callers.maxConcurrentStreams());
        http2.setRateControlFactory(ControlFrameRate.factory(limits.controlFramesPerSecond(), refusals));
        http2.addEventListener(new WindowUpdateAllowance());
    }

    void configure(ServerConnector connector) {
        connector.setIdleTimeout(limits.idleTimeoutMs());
        connector.addBean(connections);
        connector.addEventListener(headerTimeout);
        if (connectionAge != null) {
            connector.addEventListener(connectionAge);
        }
    }

    Handler screen(Handler next) {
        return new HeaderScreen(limits.callerHeaderListBytes(), refusals, next);
    }
}

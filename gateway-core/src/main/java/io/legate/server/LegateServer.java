package io.legate.server;

import io.legate.accesslog.AccessLog;
import io.legate.config.GatewayConfig;
import io.legate.metrics.CallLog;
import io.legate.metrics.GatewayMetrics;
import io.legate.proxy.GatewayErrorHandler;
import io.legate.proxy.GatewayProxyServlet;
import io.legate.proxy.InFlightSnapshots;
import io.legate.upstream.Cluster;
import io.legate.upstream.Clusters;
import java.util.Collection;
import io.legate.proxy.ServedSnapshot;
import io.legate.proxy.UpstreamClients;
import io.legate.proxy.UpstreamSettings;
import io.legate.snapshot.GatewaySnapshot;
import io.legate.routing.RouteTable;
import io.legate.transport.ConsolidatingServerConnector;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: listeners, forwarder, the current snapshot of routes, Host policies and certificates, and
 * the gateway's metrics.
 */
public final class LegateServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LegateServer.class);
    private static final long DRAIN_MS = 30_000;

    private final Server server;
    private final ServerConnector http;
    private final TlsListener https;
    private final AccessLog accessLog;
    private final GatewayMetrics metrics;
    private final UpstreamClients clients;
    private final Clusters clusters;
    private final InFlightSnapshots served;
    private final RetiredFilters filters;
    private final QueuedThreadPool threads;

    public LegateServer(GatewayConfig config, GatewaySnapshot initial, ListenerSettings listener, UpstreamSettings upstream) {
        QueuedThreadPool threads = new QueuedThreadPool(listener.maxThreads());
        threads.setName("legate");
        // No thread kept in reserve: Jetty would otherwise hand the reading of the connections to a reserved thread
        // each time it runs a request, a wake-up per hand-off; without one, it runs the (non-blocking) request where
        // it read it. Measured: 31.9 -> 28.6 us CPU per proxied unary call.
        threads.setReservedThreads(0);
        this.server = new Server(threads);
        // The pool outlives the server's stop: the upstream clients run on it and stop after the server.
        server.unmanage(threads);
        this.threads = threads;
        server.setStopTimeout(DRAIN_MS);
        this.accessLog = config.accessLog() == null ? null : new AccessLog(config.accessLog());
        this.metrics = new GatewayMetrics(config.limits().maxRequestsInFlight(),
                accessLog == null ? CallLog.NONE : accessLog);
        ListenerGuards guards = new ListenerGuards(config.limits(), config.callers(), metrics, server.getScheduler());
        this.http = cleartextConnector(config, listener, guards);
        server.addConnector(http);
        this.https = new TlsListener(server, config, listener, guards);

        this.clients = new UpstreamClients(threads, upstream, config.limits().upstreamHeaderListBytes());
        this.clusters = new Clusters(server.getScheduler(), clients, metrics.registry());
        ServletContextHandler context = new ServletContextHandler("/");
        GatewayProxyServlet servlet = new GatewayProxyServlet(InFlightSnapshots::served, https::port, clients, metrics);
        ServletHolder proxy = new ServletHolder("legate-proxy", servlet);
        proxy.setAsyncSupported(true);
        // Naming the Via host avoids a DNS look-up of the local host name at start.
        proxy.setInitParameter("viaHost", "legate");
        context.addServlet(proxy, "/*");
        ServedSnapshot first = bound(initial);
        this.filters = new RetiredFilters(first);
        this.served = new InFlightSnapshots(guards.screen(new GracefulHandler(context)), first, inUse -> {
            clients.release(inUse);
            clusters.release(inUse.stream().map(ServedSnapshot::clusters).toList());
            filters.inUse(inUse);
        });
        server.setHandler(new NonBlocking(served));
        server.setErrorHandler(new GatewayErrorHandler());
        metrics.gauge("legate_routes", "Routes serving now", () -> routes().routes().size());
        metrics.gauge("legate_upstream_clients", "HTTP clients towards upstreams (one per connect timeout and TLS"
                + " settings): a default one, those the routes serving now need, and those calls in flight still use",
                clients::size);
    }

    /** The HTTP configuration of Legate's listeners, before their limits: no Server or X-Powered-By header. */
    public static HttpConfiguration httpConfiguration() {
        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendXPoweredBy(false);
        return httpConfig;
    }

    /**
     * Jetty's HTTP/2 factories add a customizer to their configuration that looks through the server's listeners on
     * every request for an HTTP/3 one to advertise (Alt-Svc); Legate has none.
     */
    public static void withoutAltSvc(HttpConfiguration httpConfig) {
        httpConfig.removeCustomizer(httpConfig.getCustomizer(HTTP2ServerConnectionFactory.AltSvcCustomizer.class));
    }

    /** HTTP/1.1 and h2c on one port: h2c by prior knowledge and by {@code Upgrade: h2c}. */
    private ServerConnector cleartextConnector(GatewayConfig config, ListenerSettings listener, ListenerGuards guards) {
        HttpConfiguration httpConfig = guards.configure(httpConfiguration());
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(httpConfig);
        withoutAltSvc(httpConfig);
        listener.applyTo(h2c);
        guards.configure(h2c);
        ServerConnector connector = new ConsolidatingServerConnector(server, new HttpConnectionFactory(httpConfig), h2c);
        connector.setHost(config.bindAddress());
        connector.setPort(config.httpPort());
        guards.configure(connector);
        return connector;
    }

    public void start() throws Exception {
        if (accessLog != null) {
            accessLog.start();
        }
        threads.start();
        clients.start();
        https.prepare(snapshot().tls());
        server.start();
        clusters.start();
        if (!https.isOpen()) {
            LOG.info("TLS listener off: no certificate configured (a Host with tlsSecret, or a TLSContext with secret"
                    + " and hosts, opens it)");
        }
    }

    /** The port the cleartext listener is bound to. */
    public int httpPort() {
        return http.getLocalPort();
    }

    /** The port the TLS listener is bound to; -1 while no certificate is configured. */
    public int httpsPort() {
        return https.port();
    }

    public RouteTable routes() {
        return snapshot().routes();
    }

    public GatewaySnapshot snapshot() {
        return served.current().snapshot();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The upstreams calls go to now, with their endpoints. */
    public Collection<Cluster> upstreams() {
        return clusters.all();
    }

    /** {@code snapshot} with the data points of its routes bound, before it serves. */
    private ServedSnapshot bound(GatewaySnapshot snapshot) {
        return new ServedSnapshot(snapshot, metrics.bind(snapshot.routes()),
                clusters.bind(snapshot.routes(), snapshot.endpoints()));
    }

    /**
     * Serves {@code next} from now on: requests in flight keep the route they matched, TLS connections already
     * established keep their certificate, new ones get the new material. The TLS listener opens with the first
     * certificate configured.
     */
    public synchronized void apply(GatewaySnapshot next) {
        GatewaySnapshot previous = serve(next);
        if (!next.tls().equals(previous.tls())) {
            https.apply(next.tls(), server.isStarted());
        }
    }

    /**
     * Swaps {@code next} in. The upstream clients that only the snapshots it replaces used are stopped once the calls
     * of those have ended, at once when none is in flight.
     */
    private GatewaySnapshot serve(GatewaySnapshot next) {
        GatewaySnapshot previous = snapshot();
        served.advance(bound(next));
        metrics.routeTableSwapped();
        return previous;
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops accepting, lets requests in flight finish (up to 30 s), then closes the upstream connections. */
    @Override
    public void close() throws Exception {
        // The upstream clients stay out of the server's graceful shutdown, which would wait for their pooled
        // connections to close; they stop once no request needs them.
        try {
            server.stop();
        } finally {
            filters.closeAll();
            clusters.close();
            clients.stop();
            threads.stop();
            if (accessLog != null) {
                // After the drain: the calls that ended during it are logged too.
                accessLog.close();
            }
        }
    }
}

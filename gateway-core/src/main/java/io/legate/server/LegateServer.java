package io.legate.server;

import io.legate.config.GatewayConfig;
import io.legate.proxy.GatewayProxyServlet;
import io.legate.proxy.UpstreamClients;
import io.legate.proxy.UpstreamSettings;
import io.legate.routing.RouteTable;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.concurrent.atomic.AtomicReference;

/** The running gateway: listeners, forwarder and the current route table. */
public final class LegateServer implements AutoCloseable {

    private static final long DRAIN_MS = 30_000;

    private final Server server;
    private final ServerConnector http;
    private final AtomicReference<RouteTable> routes;
    private final UpstreamClients clients;
    private final QueuedThreadPool threads;

    public LegateServer(GatewayConfig config, RouteTable initialRoutes) {
        this(config, initialRoutes, ListenerSettings.defaults(), UpstreamSettings.defaults());
    }

    public LegateServer(GatewayConfig config, RouteTable initialRoutes, ListenerSettings listener, UpstreamSettings upstream) {
        this.routes = new AtomicReference<>(initialRoutes);
        QueuedThreadPool threads = new QueuedThreadPool(listener.maxThreads());
        threads.setName("legate");
        this.server = new Server(threads);
        // The pool outlives the server's stop: the upstream clients run on it and stop after the server.
        server.unmanage(threads);
        this.threads = threads;
        server.setStopTimeout(DRAIN_MS);
        this.http = cleartextConnector(config, listener);
        server.addConnector(http);

        this.clients = new UpstreamClients(threads, upstream);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder proxy = new ServletHolder("legate-proxy", new GatewayProxyServlet(routes::get, clients));
        proxy.setAsyncSupported(true);
        // Naming the Via host avoids a DNS look-up of the local host name at start.
        proxy.setInitParameter("viaHost", "legate");
        context.addServlet(proxy, "/*");
        server.setHandler(new GracefulHandler(context));
    }

    /** HTTP/1.1 and h2c on one port: h2c by prior knowledge and by {@code Upgrade: h2c}. */
    private ServerConnector cleartextConnector(GatewayConfig config, ListenerSettings listener) {
        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendXPoweredBy(false);
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(httpConfig);
        listener.applyTo(h2c);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig), h2c);
        connector.setHost(config.bindAddress());
        connector.setPort(config.httpPort());
        connector.setIdleTimeout(listener.connectionIdleTimeoutMs());
        return connector;
    }

    public void start() throws Exception {
        threads.start();
        clients.start();
        server.start();
    }

    /** The port the cleartext listener is bound to. */
    public int httpPort() {
        return http.getLocalPort();
    }

    public RouteTable routes() {
        return routes.get();
    }

    /** Replaces the route table atomically; requests in flight keep the route they matched. */
    public void swapRoutes(RouteTable table) {
        routes.set(table);
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
            clients.stop();
            threads.stop();
        }
    }
}

package io.legate.bench;

import io.legate.server.LegateServer;
import io.legate.server.NonBlocking;
import io.legate.transport.ConsolidatingServerConnector;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;

/**
 * The floor of any forwarder entered through a servlet on Jetty, as Legate's is, a reference row of the benchmark
 * (target {@code jetty-servlet}), not a product: {@link FrameForwarder}'s listener, upstream session and settings,
 * with Jetty's request and response objects and the servlet layer between them — a servlet that starts an async
 * call and forwards it with Jetty's core API below the servlet streams ({@link ForwardingServlet}), as Legate's
 * does. No routing, no filters, no header rewriting beyond the upstream's authority. What it spends above
 * {@code jetty-frames} is the cost of entering through a servlet; what Legate spends above it is Legate's own.
 * {@code java io.legate.bench.ServletForwarder PORT UPSTREAM_HOST:PORT} prints {@code jetty-servlet listening on
 * 127.0.0.1:PORT} when ready and serves until killed.
 */
public final class ServletForwarder {

    private ServletForwarder() {
    }

    public static void main(String[] args) throws Exception {
        ReferenceRow.main("jetty-servlet", ServletForwarder::start, args);
    }

    /**
     * Starts a forwarder on loopback ({@code port} 0 takes a free one) to {@code upstream}, host:port, both sides
     * h2c; the first call opens the upstream session.
     */
    public static Server start(int port, String upstream) throws Exception {
        Server server = ReferenceRow.server();
        UpstreamSession session = new UpstreamSession(FrameForwarder.newClient(server), upstream);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder servlet = new ServletHolder("forward", new ForwardingServlet(session));
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/*");
        server.setHandler(new NonBlocking(context));
        HttpConfiguration http = LegateServer.httpConfiguration();
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
        LegateServer.withoutAltSvc(http);
        ReferenceRow.asLegates(h2c);
        return ReferenceRow.listen(server, new ConsolidatingServerConnector(server, h2c), port);
    }
}

package io.legate.admin;

import io.legate.admin.api.AdminApplication;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The admin API's own Jetty server and connector (HTTP/1.1), apart from the traffic listeners, so that admin
 * calls never compete with traffic for threads and the admin port can stay on loopback.
 */
final class AdminServer {

    private static final int MAX_THREADS = 32;
    private static final long STOP_TIMEOUT_MS = 5_000;

    private final Server server;
    private final ServerConnector connector;

    AdminServer(String host, int port, AdminApplication application) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("legate-admin");
        server = new Server(threads);
        server.setStopTimeout(STOP_TIMEOUT_MS);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("legate-admin", new ServletContainer(application)), "/*");
        server.setHandler(context);
        server.setErrorHandler(new ProblemErrorHandler());
    }

    void start() throws Exception {
        server.start();
    }

    /** {@code HOST:PORT} as bound. */
    String address() {
        return connector.getHost() + ":" + connector.getLocalPort();
    }

    void stop() throws Exception {
        server.stop();
    }
}

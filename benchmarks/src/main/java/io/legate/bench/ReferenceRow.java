package io.legate.bench;

import io.legate.server.ListenerSettings;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * What the benchmark's reference rows ({@link JettyCoreForwarder}, {@link FrameForwarder}, {@link ServletForwarder})
 * share: Legate's thread and listener settings, a listener on loopback, and their command line,
 * {@code PORT UPSTREAM_HOST:PORT}, with the line that says they are ready.
 */
final class ReferenceRow {

    /** Starts a forwarder on loopback ({@code port} 0 takes a free one) to {@code upstream}, host:port. */
    interface Start {
        Server start(int port, String upstream) throws Exception;
    }

    private ReferenceRow() {
    }

    /** Starts the row, prints {@code TARGET listening on 127.0.0.1:PORT} and serves until killed. */
    static void main(String target, Start start, String... args) throws Exception {
        Server server;
        try {
            if (args.length != 2) {
                throw new IllegalArgumentException("usage: PORT UPSTREAM_HOST:PORT");
            }
            server = start.start(port("port", args[0], 0), args[1]);
        } catch (IllegalArgumentException e) {
            System.err.println(target + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(target + " listening on 127.0.0.1:" + port(server));
        server.join();
    }

    /** {@code value} as a port number, at least {@code least}; {@code name} says which in the error. */
    static int port(String name, String value, int least) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < least || port > 65535) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: " + least + "..65535)");
        }
        return port;
    }

    /**
     * A server on Legate's thread settings: 16 threads, none kept in reserve, so that a request runs where it was
     * read instead of being handed to a reserved thread.
     */
    static Server server() {
        QueuedThreadPool threads = new QueuedThreadPool(16);
        threads.setReservedThreads(0);
        return new Server(threads);
    }

    /** {@code connector} set up as Legate's towards upstreams: one selector, and the server's threads. */
    static <C extends ClientConnector> C upstreamConnector(C connector, Server server) {
        connector.setSelectors(1);
        connector.setExecutor(server.getThreadPool());
        return connector;
    }

    /** {@code http2} with the stream idle timeout and flow-control windows of Legate's listeners. */
    static void asLegates(AbstractHTTP2ServerConnectionFactory http2) {
        ListenerSettings listener = ListenerSettings.defaults();
        http2.setStreamIdleTimeout(listener.streamIdleTimeoutMs());
        http2.setInitialSessionRecvWindow(listener.sessionWindowBytes());
        http2.setInitialStreamRecvWindow(listener.streamWindowBytes());
    }

    /** Starts {@code server} with {@code connector} listening on loopback. */
    static Server listen(Server server, ServerConnector connector, int port) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.start();
        return server;
    }

    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}

package io.legate.upstream.health;

import java.net.InetSocketAddress;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A real Jetty HTTP/1.1 server on a loopback port answering every request with the status the test sets, empty, or
 * with nothing.
 * It counts the requests and open connections, and keeps what the last request asked for.
 */
final class StatusServer implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Gauge requests = new Gauge();
    private final Gauge connections = new Gauge();
    private final Gauge accepted = new Gauge();
    private final InetSocketAddress address;
    private volatile int status = 200;
    private volatile boolean silent;
    private volatile String lastRequest;

    private StatusServer() throws Exception {
        connector.setHost("127.0.0.1");
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                accepted.add(1);
                connections.add(1);
            }

            @Override
            public void onClosed(Connection connection) {
                connections.add(-1);
            }
        });
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                lastRequest = request.getMethod() + " " + request.getHttpURI().getPathQuery() + " Host: "
                        + request.getHeaders().get(HttpHeader.HOST);
                requests.add(1);
                if (!silent) {
                    response.setStatus(status);
                    callback.succeeded();
                }
                return true;
            }
        });
        server.start();
        address = new InetSocketAddress("127.0.0.1", connector.getLocalPort());
    }

    static StatusServer start() throws Exception {
        return new StatusServer();
    }

    /** Where it listens, or listened once closed. */
    InetSocketAddress address() {
        return address;
    }

    /** Every request from now on is answered {@code status}. */
    void answer(int status) {
        this.status = status;
    }

    /** Requests from now on get no answer at all: their exchange stays open until the server stops. */
    void silent() {
        silent = true;
    }

    Gauge requests() {
        return requests;
    }

    /** The connections open now. */
    Gauge connections() {
        return connections;
    }

    /** Every connection it accepted, open or closed since. */
    Gauge accepted() {
        return accepted;
    }

    /** E.g. {@code GET /healthz Host: api.test}. */
    String lastRequest() {
        return lastRequest;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

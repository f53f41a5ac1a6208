package io.legate.upstream.health;

import io.legate.tls.CertifiedKey;
import io.legate.tls.KeyStores;
import java.net.InetSocketAddress;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A real Jetty HTTP/1.1 server on a loopback port, cleartext or TLS, answering every request with the status the test
 * sets, empty, or with nothing.
 * It counts the requests and open connections, and keeps what the last request asked for.
 */
final class StatusServer implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector;
    private final Gauge requests = new Gauge();
    private final Gauge connections = new Gauge();
    private final Gauge accepted = new Gauge();
    private final InetSocketAddress address;
    private volatile int status = 200;
    private volatile boolean silent;
    private volatile String lastRequest;
    private volatile String lastSni;

    private StatusServer(CertifiedKey certificate) throws Exception {
        connector = certificate == null ? new ServerConnector(server) : tlsConnector(certificate);
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
                lastSni = sni(request);
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

    private ServerConnector tlsConnector(CertifiedKey certificate) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(KeyStores.keyStore(Map.of("server", certificate)));
        tls.setKeyStorePassword(KeyStores.PASSWORD);
        tls.setKeyManagerPassword(KeyStores.PASSWORD);
        HttpConfiguration configuration = new HttpConfiguration();
        // The test checks the SNI itself; Jetty's own check would refuse a Host the certificate does not name.
        configuration.addCustomizer(new SecureRequestCustomizer(false));
        return new ServerConnector(server, tls, new HttpConnectionFactory(configuration));
    }

    private static String sni(Request request) {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls
                && tls.sslSession() instanceof ExtendedSSLSession session) {
            return session.getRequestedServerNames().stream()
                    .filter(SNIHostName.class::isInstance)
                    .map(name -> ((SNIHostName) name).getAsciiName())
                    .findFirst().orElse(null);
        }
        return null;
    }

    static StatusServer start() throws Exception {
        return new StatusServer(null);
    }

    /** Over TLS with {@code certificate}, HTTP/1.1 only. */
    static StatusServer startTls(CertifiedKey certificate) throws Exception {
        return new StatusServer(certificate);
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

    /** The host name the last request's TLS connection asked for (SNI); null for cleartext or none. */
    String lastSni() {
        return lastSni;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

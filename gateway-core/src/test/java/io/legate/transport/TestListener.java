package io.legate.transport;

import io.legate.testing.TestCertificates;
import io.legate.tls.CertifiedKey;
import io.legate.tls.KeyStores;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import org.eclipse.jetty.util.BufferUtil;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real listener on a loopback port whose connections are {@link ConsolidatingEndPoint}s with a connection on top
 * that drops what it reads: the tests write through the endpoints themselves. Small socket buffers on both sides, so that
 * a peer that stops reading fills them quickly.
 */
final class TestListener implements AutoCloseable {

    static final int SOCKET_BUFFER_BYTES = 32 * 1024;
    private static final CertifiedKey CA = TestCertificates.ca("transport ca");
    private static final CertifiedKey SERVER = TestCertificates.server(CA, "127.0.0.1");

    private final Server server = new Server();
    private final ServerConnector connector;
    private final BlockingQueue<DroppingConnection> accepted = new LinkedBlockingQueue<>();
    private final boolean tls;

    /** {@code tlsFactories} null for a cleartext listener. */
    private TestListener(TlsFactories tlsFactories, Connectors connectors) throws Exception {
        this.tls = tlsFactories != null;
        DroppingFactory dropping = new DroppingFactory();
        if (tls) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(KeyStores.keyStore(Map.of("server", SERVER)));
            ssl.setKeyStorePassword(KeyStores.PASSWORD);
            connector = connectors.create(server, tlsFactories.create(ssl, dropping.getProtocol()), dropping);
        } else {
            connector = connectors.create(server, dropping);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptedSendBufferSize(SOCKET_BUFFER_BYTES);
        server.addConnector(connector);
        server.start();
    }

    /** How a test makes its listener's connector. */
    interface Connectors {
        ServerConnector create(Server server, ConnectionFactory... factories);
    }

    /** How a test makes its listener's TLS. */
    interface TlsFactories {
        SslConnectionFactory create(SslContextFactory.Server ssl, String nextProtocol);
    }

    static TestListener cleartext() throws Exception {
        return new TestListener(null, ConsolidatingServerConnector::new);
    }

    /** With Jetty's own TLS above the consolidating sockets. */
    static TestListener tls() throws Exception {
        return tls(ConsolidatingServerConnector::new);
    }

    static TestListener tls(Connectors connectors) throws Exception {
        return new TestListener(SslConnectionFactory::new, connectors);
    }

    /** With the TLS that encrypts once per pass, as the gateway's listeners have. */
    static TestListener consolidatingTls() throws Exception {
        return new TestListener(ConsolidatingSslConnectionFactory::new, ConsolidatingServerConnector::new);
    }

    /**
     * A client socket to this listener, with a small receive buffer; TLS when the listener speaks it, its handshake
     * done.
     */
    Socket connect() throws Exception {
        Socket socket;
        if (tls) {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(KeyStores.trustStore(List.of(CA.leaf())));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            socket = context.getSocketFactory().createSocket();
        } else {
            socket = new Socket();
        }
        socket.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
        socket.connect(new InetSocketAddress("127.0.0.1", connector.getLocalPort()), 5000);
        socket.setSoTimeout(10_000);
        if (socket instanceof SSLSocket tlsSocket) {
            tlsSocket.startHandshake();
        }
        return socket;
    }

    /** Client TLS that trusts this listener's certificate. */
    static SslContextFactory.Client clientTls() {
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setTrustStore(KeyStores.trustStore(List.of(CA.leaf())));
        return ssl;
    }

    ServerConnector connector() {
        return connector;
    }

    /**
     * The server side of the next connection accepted; under TLS, once the server finished its handshake too (with
     * TLS 1.3 the client finishes first), so that what a test writes is application data.
     */
    DroppingConnection accepted() throws InterruptedException {
        DroppingConnection connection = accepted.poll(5, TimeUnit.SECONDS);
        if (connection == null) {
            throw new AssertionError("no connection accepted within 5 s");
        }
        if (connection.getEndPoint() instanceof SslConnection.SslEndPoint tlsEndPoint) {
            SSLEngine engine = tlsEndPoint.getSslConnection().getSSLEngine();
            Passes.awaitTrue(() -> engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING,
                    "the server never finished its handshake");
        }
        return connection;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Reads what the peer sends (TLS handshakes need a reader) and drops it unless a test takes it ({@link #onRead});
     * remembers how it closed. It reads without blocking, so Jetty runs its reads on the selector's thread.
     */
    static final class DroppingConnection extends AbstractConnection.NonBlocking {
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();
        /** For each read, whether it ran inside a read pass. */
        final BlockingQueue<Boolean> readsInPass = new LinkedBlockingQueue<>();
        /** Given the bytes of each read, on the thread that read them. */
        volatile Consumer<byte[]> onRead = read -> { };

        private final BlockingQueue<DroppingConnection> accepted;

        DroppingConnection(EndPoint endPoint, Executor executor, BlockingQueue<DroppingConnection> accepted) {
            super(endPoint, executor);
            this.accepted = accepted;
        }

        /** The socket endpoint under this connection (under TLS, the one SslConnection writes to). */
        ConsolidatingEndPoint socket() {
            EndPoint endPoint = getEndPoint();
            while (!(endPoint instanceof ConsolidatingEndPoint)) {
                endPoint = ((SslConnection.SslEndPoint) endPoint).getSslConnection().getEndPoint();
            }
            return (ConsolidatingEndPoint) endPoint;
        }

        @Override
        public void onOpen() {
            super.onOpen();
            fillInterested();
            // Only now is the endpoint the selector's key's attachment: a write a test makes before that could leave
            // the key ready with nothing attached, and Jetty would close the connection.
            accepted.add(this);
        }

        @Override
        public void onFillable() {
            readsInPass.add(ReadPass.current() != null);
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            try {
                int filled;
                do {
                    BufferUtil.clear(buffer);
                    filled = getEndPoint().fill(buffer);
                    if (filled > 0) {
                        onRead.accept(BufferUtil.toArray(buffer));
                    }
                } while (filled > 0);
                if (filled == 0) {
                    fillInterested();
                } else if (getEndPoint() instanceof SslConnection.SslEndPoint) {
                    // A TLS client closing waits for the server's close_notify, as long as its read timeout.
                    getEndPoint().shutdownOutput();
                }
            } catch (IOException x) {
                // The peer went away: what the tests write next tells how that is reported.
            }
        }

        @Override
        public void onClose(Throwable cause) {
            super.onClose(cause);
            closed.complete(cause);
        }
    }

    private final class DroppingFactory extends AbstractConnectionFactory {
        DroppingFactory() {
            super("dropping");
        }

        @Override
        public Connection newConnection(Connector connector, EndPoint endPoint) {
            return configure(new DroppingConnection(endPoint, connector.getExecutor(), accepted), connector, endPoint);
        }
    }
}

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

    private TestListener(boolean tls, Connectors connectors) throws Exception {
        this.tls = tls;
        DroppingFactory dropping = new DroppingFactory();
        if (tls) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(KeyStores.keyStore(Map.of("server", SERVER)));
            ssl.setKeyStorePassword(KeyStores.PASSWORD);
            connector = connectors.create(server, new SslConnectionFactory(ssl, dropping.getProtocol()), dropping);
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

    static TestListener cleartext() throws Exception {
        return new TestListener(false, ConsolidatingServerConnector::new);
    }

    static TestListener tls() throws Exception {
        return tls(ConsolidatingServerConnector::new);
    }

    static TestListener tls(Connectors connectors) throws Exception {
        return new TestListener(true, connectors);
    }

    /** A client socket to this listener, with a small receive buffer; TLS when the listener speaks it. */
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
        return socket;
    }

    ServerConnector connector() {
        return connector;
    }

    /** The server side of the next connection accepted. */
    DroppingConnection accepted() throws InterruptedException {
        DroppingConnection connection = accepted.poll(5, TimeUnit.SECONDS);
        if (connection == null) {
            throw new AssertionError("no connection accepted within 5 s");
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

        DroppingConnection(EndPoint endPoint, Executor executor) {
            super(endPoint, executor);
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
            DroppingConnection connection = configure(new DroppingConnection(endPoint, connector.getExecutor()), connector, endPoint);
            accepted.add(connection);
            return connection;
        }
    }
}

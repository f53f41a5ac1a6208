package io.legate.transport;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upstream side: connections a {@link ConsolidatingClientConnector} opens write once per read pass too. */
class ConsolidatingClientConnectorTest {

    @Test
    void smallWritesOfAPassOnAnUpstreamConnectionLeaveInOneSocketWrite() throws Exception {
        ConsolidatingClientConnector connector = new ConsolidatingClientConnector();
        try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            connector.start();
            EndPoint endPoint = connect(connector, upstream.getLocalPort());
            try (Socket accepted = upstream.accept()) {
                assertTrue(endPoint instanceof ConsolidatingEndPoint, "the connector made a " + endPoint.getClass());
                long before = ((ConsolidatingEndPoint) endPoint).socketWrites();

                ReadPass.around(() -> {
                    for (int i = 0; i < 100; i++) {
                        FutureCallback written = new FutureCallback();
                        endPoint.write(written, ByteBuffer.wrap(Bytes.at(i * 100L, 100)));
                        assertTrue(written.isDone(), "write " + i + " was not done at once");
                    }
                }).run();

                assertEquals(1, ((ConsolidatingEndPoint) endPoint).socketWrites() - before);
                accepted.setSoTimeout(10_000);
                assertArrayEquals(Bytes.at(0, 10_000), accepted.getInputStream().readNBytes(10_000));
            }
        } finally {
            connector.stop();
        }
    }

    @Test
    void aReadShortOfItsRoomAnswersTheNextWithNothingUntilTheSelectorFindsMore() throws Exception {
        ConsolidatingClientConnector connector = new ConsolidatingClientConnector();
        try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            connector.start();
            EndPoint endPoint = connect(connector, upstream.getLocalPort());
            try (Socket accepted = upstream.accept()) {
                ByteBuffer buffer = BufferUtil.allocate(4096);
                accepted.getOutputStream().write(Bytes.at(0, 100));
                FutureCallback readable = new FutureCallback();
                endPoint.fillInterested(readable);
                readable.get(5, TimeUnit.SECONDS);
                assertEquals(100, endPoint.fill(buffer));

                accepted.getOutputStream().write(Bytes.at(100, 100));
                assertEquals(0, endPoint.fill(buffer), "a read after a short one asked the socket again");

                FutureCallback more = new FutureCallback();
                endPoint.fillInterested(more);
                more.get(5, TimeUnit.SECONDS);
                assertEquals(100, endPoint.fill(buffer));
                assertArrayEquals(Bytes.at(0, 200), BufferUtil.toArray(buffer));
            }
        } finally {
            connector.stop();
        }
    }

    @Test
    void aTlsConnectionItOpensEncryptsTheWritesOfAPassTogether() throws Exception {
        ConsolidatingClientConnector connector = new ConsolidatingClientConnector();
        try (TestListener upstream = TestListener.tls()) {
            connector.setSslContextFactory(TestListener.clientTls());
            connector.start();
            ConsolidatingSslConnection tls = (ConsolidatingSslConnection) open(connector,
                    upstream.connector().getLocalPort(), idle -> connector.newSslClientConnectionFactory(null, idle));
            EndPoint endPoint = tls.getSslEndPoint();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            upstream.accepted().onRead = received::writeBytes;
            // The first write waits for the handshake.
            FutureCallback first = new FutureCallback();
            endPoint.write(first, ByteBuffer.wrap(Bytes.at(0, 1)));
            first.get(5, TimeUnit.SECONDS);
            long before = tls.encryptions();

            Passes.inPass(() -> {
                for (int i = 0; i < 100; i++) {
                    endPoint.write(Callback.NOOP, ByteBuffer.wrap(Bytes.at(1 + i * 100L, 100)));
                }
            });

            assertEquals(1, tls.encryptions() - before, "100 writes of one pass were not encrypted together");
            Passes.awaitTrue(() -> received.size() >= 10_001, "the upstream got " + received.size() + " bytes");
            assertArrayEquals(Bytes.at(0, 10_001), received.toByteArray());
        } finally {
            connector.stop();
        }
    }

    /** Opens a connection with a connection on top that reads nothing; its endpoint, once the connection is open. */
    private static EndPoint connect(ClientConnector connector, int port) throws Exception {
        return open(connector, port, idle -> idle).getEndPoint();
    }

    /**
     * Opens a connection with a connection on top that reads nothing, and {@code layers} (TLS) under it; the
     * lowest connection, once it is open.
     */
    private static Connection open(ClientConnector connector, int port, UnaryOperator<ClientConnectionFactory> layers)
            throws Exception {
        ClientConnectionFactory idle = layers.apply((endPoint, context) -> new AbstractConnection(endPoint, connector.getExecutor()) {
            @Override
            public void onFillable() {
            }
        });
        Promise.Completable<Connection> opened = new Promise.Completable<>();
        Map<String, Object> context = new HashMap<>();
        context.put(Transport.CONTEXT_KEY, Transport.TCP_IP);
        context.put(ClientConnectionFactory.CONTEXT_KEY, idle);
        context.put(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY, opened);
        connector.connect(new InetSocketAddress("127.0.0.1", port), context);
        return opened.get(5, TimeUnit.SECONDS);
    }
}

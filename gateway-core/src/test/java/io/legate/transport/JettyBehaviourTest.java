package io.legate.transport;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jetty behaviours that writing once per read pass relies on and that no Jetty API promises: when an upgrade changes
 * one, a test here fails (and the consolidation would silently stop working, or lose bytes, otherwise).
 */
class JettyBehaviourTest {

    @Test
    void theTaskOnSelectedReturnsIsWhatReadsTheConnection() throws Exception {
        try (TestListener listener = TestListener.cleartext(); Socket client = listener.connect()) {
            TestListener.DroppingConnection connection = listener.accepted();
            client.getOutputStream().write(Bytes.at(0, 100));
            Boolean inPass = connection.readsInPass.poll(5, TimeUnit.SECONDS);
            assertEquals(Boolean.TRUE, inPass, "the connection read outside the task its endpoint's onSelected() returned");
        }
    }

    @Test
    void sslConnectionWritesEncryptedBytesWithEndPointFlush() throws Exception {
        try (TestListener listener = TestListener.tls(FlushWatchingConnector::new); Socket client = listener.connect()) {
            EndPoint endPoint = listener.accepted().getEndPoint();
            endPoint.write(Callback.NOOP, ByteBuffer.wrap(Bytes.at(0, 100)));
            assertArrayEquals(Bytes.at(0, 100), client.getInputStream().readNBytes(100));

            Set<Class<?>> callers = ((FlushWatchingConnector) listener.connector()).flushCallers;
            assertTrue(callers.stream().anyMatch(c -> c.getName().startsWith(SslConnection.class.getName())),
                    "SslConnection did not call EndPoint.flush(); callers: " + callers);
        }
    }

    @Test
    void http2FramesWrittenOneAfterTheOtherInThePassThatReadTheRequestLeaveInOneSocketWrite() throws Exception {
        Server server = new Server();
        ConsolidatingServerConnector connector = new ConsolidatingServerConnector(server,
                new HTTP2CServerConnectionFactory(new HttpConfiguration()));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                // Two writes, the second once the first is done: apart, each would be a socket write of its own.
                Content.Sink.write(response, false, "ans", Callback.from(
                        () -> Content.Sink.write(response, true, "wered", callback), callback::failed));
                return true;
            }
        });
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        server.start();
        client.start();
        try {
            String uri = "http://127.0.0.1:" + connector.getLocalPort() + "/";
            // The first exchange also settles the connection (preface, SETTINGS and their acknowledgements).
            assertEquals("answered", client.GET(uri).getContentAsString());
            ConsolidatingEndPoint endPoint = (ConsolidatingEndPoint) connector.getConnectedEndPoints().iterator().next();
            long before = endPoint.socketWrites();

            ContentResponse response = client.GET(uri);

            assertEquals("answered", response.getContentAsString());
            assertEquals(1, endPoint.socketWrites() - before, "the frames of one answer left in separate writes");
        } finally {
            client.stop();
            server.stop();
        }
    }

    @Test
    void jettysHttpClientMakesItsTlsConnectionsThroughItsConnector() throws Exception {
        SslFactoryWatchingConnector connector = new SslFactoryWatchingConnector();
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        try (TestListener listener = TestListener.tls()) {
            client.start();
            // The listener answers nothing: the request only has to open its connection.
            client.newRequest("https://127.0.0.1:" + listener.connector().getLocalPort() + "/").send(result -> { });
            listener.accepted();
            assertTrue(connector.made.get() > 0, "HttpClient made a TLS connection of its own");
        } finally {
            client.stop();
        }
    }

    @Test
    void jettysHttp2ClientMakesItsTlsConnectionsThroughItsConnector() throws Exception {
        SslFactoryWatchingConnector connector = new SslFactoryWatchingConnector();
        HTTP2Client client = new HTTP2Client(connector);
        try (TestListener listener = TestListener.tls()) {
            client.start();
            client.connect(connector.getSslContextFactory(),
                    new InetSocketAddress("127.0.0.1", listener.connector().getLocalPort()),
                    new Session.Listener() { }, Promise.noop());
            listener.accepted();
            assertTrue(connector.made.get() > 0, "HTTP2Client made a TLS connection of its own");
        } finally {
            client.stop();
        }
    }

    /** A client connector that counts the TLS factories asked of it, the hook its TLS connections are made by. */
    private static final class SslFactoryWatchingConnector extends ClientConnector {
        final AtomicInteger made = new AtomicInteger();

        SslFactoryWatchingConnector() {
            setSslContextFactory(TestListener.clientTls());
        }

        @Override
        public ClientConnectionFactory newSslClientConnectionFactory(SslContextFactory.Client ssl,
                                                                     ClientConnectionFactory next) {
            made.incrementAndGet();
            return super.newSslClientConnectionFactory(ssl, next);
        }
    }

    /** Plain socket endpoints that note which classes call their {@code flush()}. */
    private static final class FlushWatchingConnector extends ServerConnector {
        final Set<Class<?>> flushCallers = ConcurrentHashMap.newKeySet();

        FlushWatchingConnector(Server server, ConnectionFactory... factories) {
            super(server, factories);
        }

        @Override
        protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
            SocketChannelEndPoint endPoint = new SocketChannelEndPoint(channel, selector, key, getScheduler()) {
                @Override
                public boolean flush(ByteBuffer... buffers) throws IOException {
                    flushCallers.add(StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass());
                    return super.flush(buffers);
                }
            };
            endPoint.setIdleTimeout(getIdleTimeout());
            return endPoint;
        }
    }
}

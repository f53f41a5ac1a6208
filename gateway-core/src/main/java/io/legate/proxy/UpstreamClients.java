package io.legate.proxy;

import io.legate.routing.RouteAction;
import io.legate.tls.ClientSslContexts;
import io.legate.tls.UpstreamTls;
import io.legate.transport.ConsolidatingClientConnector;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.thread.Invocable;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * The HTTP clients towards upstreams, pooled and shared by every request. One client (and so one connection pool)
 * per connect timeout and TLS settings ({@link Key}), because Jetty sets both per client, not per request. Each
 * client speaks HTTP/1.1 or, when a request asks for version 2, h2c by prior knowledge, or h2 by ALPN over TLS.
 * Clients of settings no route uses any more stay until the gateway stops (streams in flight may still use them).
 */
public final class UpstreamClients extends ContainerLifeCycle {

    private static final long DEFAULT_CONNECT_TIMEOUT_MS = 3000;
    private static final int MAX_FRAME_BYTES = 256 * 1024;
    private static final long POOL_BYTES = 64L * 1024 * 1024;

    private final Executor executor;
    private final UpstreamSettings settings;
    private final ConcurrentMap<Key, HttpClient> clients = new ConcurrentHashMap<>();
    /**
     * One pool for every client's network buffers. HttpClient's own keeps 8 buffers of a size with 16 threads,
     * while one stream alone holds its whole window of them in queued DATA frames: every other read allocated
     * (and zeroed) a fresh direct buffer.
     */
    private final ByteBufferPool buffers = new ArrayByteBufferPool(0, 2048, 65536, 1024, POOL_BYTES, POOL_BYTES);

    /** What sets one client apart: its connect timeout and, for TLS upstreams, its TLS settings (null for none). */
    record Key(long connectTimeoutMs, UpstreamTls tls) {
    }

    public UpstreamClients(Executor executor, UpstreamSettings settings) {
        this.executor = executor;
        this.settings = settings;
    }

    HttpClient forRoute(RouteAction action) {
        return clients.computeIfAbsent(new Key(action.connectTimeoutMs(), action.tls()), this::start);
    }

    HttpClient defaultClient() {
        return clients.computeIfAbsent(new Key(DEFAULT_CONNECT_TIMEOUT_MS, null), this::start);
    }

    private HttpClient start(Key key) {
        HttpClient client = newClient(key);
        try {
            addManaged(client);
            if (!client.isStarted()) {
                client.start();
            }
            // The proxy passes content and status through as they are: no decoding, no redirects, no auth.
            client.getContentDecoderFactories().clear();
            client.getProtocolHandlers().clear();
            return client;
        } catch (Exception e) {
            removeBean(client);
            throw new IllegalStateException("cannot start the upstream HTTP client", e);
        }
    }

    private HttpClient newClient(Key key) {
        long connectTimeoutMs = key.connectTimeoutMs();
        ClientConnector connector = new ConsolidatingClientConnector();
        connector.setSelectors(1);
        connector.setExecutor(executor);
        connector.setByteBufferPool(buffers);
        if (key.tls() != null) {
            connector.setSslContextFactory(ClientSslContexts.create(key.tls()));
        }
        HTTP2Client http2 = new HTTP2Client(connector);
        http2.setInitialSessionRecvWindow(settings.sessionWindowBytes());
        http2.setInitialStreamRecvWindow(settings.streamWindowBytes());
        http2.setMaxConcurrentPushedStreams(0);
        // Upstreams may send DATA frames this large: a 64 KiB gRPC message then comes as one frame, read and
        // forwarded in one go rather than as four 16 KiB ones (the caller's connection frames it as its peer allows).
        http2.setMaxFrameSize(MAX_FRAME_BYTES);
        ClientConnectionFactoryOverHTTP2.HTTP2 h2 = new ClientConnectionFactoryOverHTTP2.HTTP2(http2);
        // Over TLS the order is what ALPN offers: h2 first. gRPC requests ask for version 2 and get h2 only.
        HttpClientTransportDynamic transport = key.tls() != null
                ? new HttpClientTransportDynamic(connector, h2, HttpClientConnectionFactory.HTTP11)
                : new HttpClientTransportDynamic(connector, HttpClientConnectionFactory.HTTP11, h2);
        // The forwarder's response listeners never block (writes to the caller are asynchronous; a failure's reply
        // goes to a container thread), so Jetty runs them on the thread that read the upstream's frames instead of
        // handing each response to another thread.
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        client.setExecutor(executor);
        client.setConnectTimeout(connectTimeoutMs > 0 ? connectTimeoutMs : Long.MAX_VALUE / 2);
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setMaxConnectionsPerDestination(settings.maxConnectionsPerUpstream());
        client.setIdleTimeout(settings.connectionIdleTimeoutMs());
        // The proxy reads each request body through a buffer of this size: one HTTP/2 frame's worth.
        client.setRequestBufferSize(16 * 1024);
        return client;
    }
}

package io.legate.proxy;

import io.legate.routing.RouteAction;
import io.legate.tls.ClientSslContexts;
import io.legate.tls.UpstreamTls;
import io.legate.transport.ConsolidatingClientConnector;
import io.legate.upstream.HealthClients;
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

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP clients towards upstreams, pooled and shared by every request. One client (and so one connection pool
 * and selector) per connect timeout and TLS settings ({@link Key}), because Jetty sets both per client, not per
 * request. Each client speaks HTTP/1.1 or, when a request asks for version 2, h2c by prior knowledge, or h2 by ALPN
 * over TLS.
 *
 * <p>A client lives while a snapshot in use needs it: the one serving now, or a replaced one that calls in flight
 * still use ({@link InFlightSnapshots}). Once none does (a TLSContext's certificate was rotated, say, and the calls
 * of the snapshots before ended) it is stopped, its connections closed: never under a call.
 */
public final class UpstreamClients extends ContainerLifeCycle implements HealthClients {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClients.class);
    private static final Key DEFAULT_KEY = new Key(3000, null);
    private static final int MAX_FRAME_BYTES = 256 * 1024;
    /**
     * What one read from an upstream connection may bring: Jetty's 8 KiB took a streaming reply in 8 system calls
     * per 64 KiB message. The buffer is the pool's, held only while what was read is not yet forwarded.
     */
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final long POOL_BYTES = 64L * 1024 * 1024;
    private static final long DESTINATION_IDLE_MS = 300_000;

    private final Executor executor;
    private final UpstreamSettings settings;
    private final int maxHeaderListBytes;
    private final ConcurrentMap<Key, HttpClient> clients = new ConcurrentHashMap<>();
    /**
     * One pool for every client's network buffers. HttpClient's own keeps 8 buffers of a size with 16 threads,
     * while one stream alone holds its whole window of them in queued DATA frames: every other read allocated
     * (and zeroed) a fresh direct buffer.
     */
    private final ByteBufferPool buffers = new ArrayByteBufferPool(0, 2048, 65536, 1024, POOL_BYTES, POOL_BYTES);

    /** What sets one client apart: its connect timeout and, for TLS upstreams, its TLS settings (null for none). */
    record Key(long connectTimeoutMs, UpstreamTls tls) {

        static Key of(RouteAction action) {
            return new Key(action.connectTimeoutMs(), action.tls());
        }
    }

    private final Http2Sessions cleartextSessions;
    private final HTTP2Client cleartextHttp2;
    /** Health checks' clients for TLS upstreams: kept while the gateway runs, apart from the routes' clients. */
    private final ConcurrentMap<UpstreamTls, HTTP2Client> healthHttp2 = new ConcurrentHashMap<>();
    private final ConcurrentMap<UpstreamTls, HttpClient> healthHttp = new ConcurrentHashMap<>();

    /** @param maxHeaderListBytes the largest header list (headers or trailers) an upstream may send */
    public UpstreamClients(Executor executor, UpstreamSettings settings, int maxHeaderListBytes) {
        this.executor = executor;
        this.settings = settings;
        this.maxHeaderListBytes = maxHeaderListBytes;
        HTTP2Client h2c = newHttp2Client(newConnector(null));
        addManaged(h2c);
        this.cleartextHttp2 = h2c;
        this.cleartextSessions = new Http2Sessions(h2c, settings.keepalivePingMs());
    }

    /**
     * The sessions to cleartext HTTP/2 upstreams, which gRPC calls use frame by frame, without HttpClient's
     * exchanges; TLS upstreams go through HttpClient, whose pool verifies each destination's certificate.
     */
    Http2Sessions cleartextSessions() {
        return cleartextSessions;
    }

    HttpClient forRoute(RouteAction action) {
        return clients.computeIfAbsent(Key.of(action), this::start);
    }

    @Override
    public HTTP2Client http2(UpstreamTls tls) {
        return tls == null ? cleartextHttp2 : healthHttp2.computeIfAbsent(tls, this::startHttp2);
    }

    @Override
    public HttpClient http(UpstreamTls tls) {
        return tls == null ? defaultClient() : healthHttp.computeIfAbsent(tls, t -> start(new Key(DEFAULT_KEY
                .connectTimeoutMs(), t)));
    }

    private HTTP2Client startHttp2(UpstreamTls tls) {
        HTTP2Client client = newHttp2Client(newConnector(tls));
        try {
            addManaged(client);
            if (!client.isStarted()) {
                client.start();
            }
            return client;
        } catch (Exception e) {
            removeBean(client);
            throw new IllegalStateException("cannot start an HTTP/2 client for health checks", e);
        }
    }

    /** The client the proxy servlet wants for itself; it serves no route and lives as long as the gateway. */
    HttpClient defaultClient() {
        return clients.computeIfAbsent(DEFAULT_KEY, this::start);
    }

    /**
     * Stops the clients that none of the routes of {@code inUse} needs; for {@link InFlightSnapshots}, which calls it
     * while no other snapshot can start serving. A call only asks for a client its own snapshot's routes need, and
     * that snapshot is in use until the call ends, so no client is stopped under a call. Stopping closes
     * connections: it is done on the executor, not on the thread that ended a call.
     */
    public void release(List<ServedSnapshot> inUse) {
        Set<Key> needed = new HashSet<>();
        needed.add(DEFAULT_KEY);
        for (ServedSnapshot served : inUse) {
            served.snapshot().routes().routes().forEach(route -> needed.add(Key.of(route.action())));
        }
        clients.forEach((key, client) -> {
            if (!needed.contains(key) && clients.remove(key, client)) {
                stopLater(client);
            }
        });
    }

    /** How many clients are started: those the snapshots in use need, until they are released. */
    public int size() {
        return clients.size();
    }

    private void stopLater(HttpClient client) {
        try {
            executor.execute(() -> stop(client));
        } catch (RejectedExecutionException e) {
            // The gateway is stopping: its threads are gone.
            stop(client);
        }
    }

    private void stop(HttpClient client) {
        try {
            removeBean(client);
            client.stop();
        } catch (Exception e) {
            LOG.warn("an upstream HTTP client failed to stop", e);
        }
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

    private ClientConnector newConnector(UpstreamTls tls) {
        ClientConnector connector = new ConsolidatingClientConnector();
        connector.setSelectors(1);
        connector.setExecutor(executor);
        connector.setByteBufferPool(buffers);
        if (tls != null) {
            connector.setSslContextFactory(ClientSslContexts.create(tls));
        }
        return connector;
    }

    private HTTP2Client newHttp2Client(ClientConnector connector) {
        HTTP2Client http2 = new HTTP2Client(connector);
        http2.setInitialSessionRecvWindow(settings.sessionWindowBytes());
        http2.setInitialStreamRecvWindow(settings.streamWindowBytes());
        http2.setMaxConcurrentPushedStreams(0);
        // Upstreams may send DATA frames this large: a 64 KiB gRPC message then comes as one frame, read and
        // forwarded in one go rather than as four 16 KiB ones (the caller's connection frames it as its peer allows).
        http2.setMaxFrameSize(MAX_FRAME_BYTES);
        http2.setInputBufferSize(READ_BUFFER_BYTES);
        // Advertised to the upstream, and the most of a header block Jetty gathers before it ends the connection:
        // an upstream's CONTINUATION frames cannot grow the gateway's memory past it.
        http2.setMaxResponseHeadersSize(maxHeaderListBytes);
        http2.setIdleTimeout(settings.connectionIdleTimeoutMs());
        return http2;
    }

    private HttpClient newClient(Key key) {
        long connectTimeoutMs = key.connectTimeoutMs();
        ClientConnector connector = newConnector(key.tls());
        HTTP2Client http2 = newHttp2Client(connector);
        ClientConnectionFactoryOverHTTP2.HTTP2 h2 = new ClientConnectionFactoryOverHTTP2.HTTP2(http2);
        // Over TLS the order is what ALPN offers: h2 first. gRPC requests ask for version 2 and get h2 only.
        HttpClientTransportDynamic transport = key.tls() != null
                ? new HttpClientTransportDynamic(connector, h2, HttpClientConnectionFactory.HTTP11)
                : new HttpClientTransportDynamic(connector, HttpClientConnectionFactory.HTTP11, h2);
        // The forwarder's response listeners never block (writes to the caller are asynchronous; a failure's reply
        // goes to a container thread), so Jetty runs them on the thread that read the upstream's frames instead of
        // handing each response to another thread.
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        transport.setConnectionPoolFactory(EndpointPool::newConnectionPool);
        HttpClient client = new HttpClient(transport);
        client.setExecutor(executor);
        client.setConnectTimeout(connectTimeoutMs > 0 ? connectTimeoutMs : Long.MAX_VALUE / 2);
        client.setFollowRedirects(false);
        client.setSocketAddressResolver(new EndpointAddresses());
        // A pool per endpoint: those of endpoints gone from DNS or from the stored Endpoints are let go.
        client.setDestinationIdleTimeout(DESTINATION_IDLE_MS);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setMaxConnectionsPerDestination(settings.maxConnectionsPerUpstream());
        client.setIdleTimeout(settings.connectionIdleTimeoutMs());
        // HTTP/1.1 upstreams: without it Jetty reads response headers of any size.
        client.setMaxResponseHeadersSize(maxHeaderListBytes);
        // The proxy reads each request body through a buffer of this size: one HTTP/2 frame's worth.
        client.setRequestBufferSize(16 * 1024);
        return client;
    }
}

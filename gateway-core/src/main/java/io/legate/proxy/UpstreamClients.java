package io.legate.proxy;

import io.legate.routing.RouteAction;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * The HTTP clients towards upstreams, pooled and shared by every request. One client (and so one connection pool)
 * per connect timeout, because Jetty sets that timeout per client, not per request. Each client speaks HTTP/1.1 or,
 * when a request asks for version 2, h2c by prior knowledge (h2 by ALPN over TLS).
 */
public final class UpstreamClients extends ContainerLifeCycle {

    private static final long DEFAULT_CONNECT_TIMEOUT_MS = 3000;

    private final Executor executor;
    private final UpstreamSettings settings;
    private final ConcurrentMap<Long, HttpClient> byConnectTimeout = new ConcurrentHashMap<>();

    public UpstreamClients(Executor executor, UpstreamSettings settings) {
        this.executor = executor;
        this.settings = settings;
    }

    HttpClient forRoute(RouteAction action) {
        return byConnectTimeout.computeIfAbsent(action.connectTimeoutMs(), this::start);
    }

    HttpClient defaultClient() {
        return byConnectTimeout.computeIfAbsent(DEFAULT_CONNECT_TIMEOUT_MS, this::start);
    }

    private HttpClient start(long connectTimeoutMs) {
        HttpClient client = newClient(connectTimeoutMs);
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

    private HttpClient newClient(long connectTimeoutMs) {
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setExecutor(executor);
        HTTP2Client http2 = new HTTP2Client(connector);
        http2.setInitialSessionRecvWindow(settings.sessionWindowBytes());
        http2.setInitialStreamRecvWindow(settings.streamWindowBytes());
        http2.setMaxConcurrentPushedStreams(0);
        HttpClient client = new HttpClient(new HttpClientTransportDynamic(
                connector, HttpClientConnectionFactory.HTTP11, new ClientConnectionFactoryOverHTTP2.HTTP2(http2)));
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

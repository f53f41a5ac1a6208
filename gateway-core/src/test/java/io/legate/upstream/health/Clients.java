package io.legate.upstream.health;

import io.legate.proxy.UpstreamClients;
import io.legate.proxy.UpstreamSettings;
import io.legate.routing.HealthCheck;
import io.legate.routing.Upstream;
import io.legate.tls.CertifiedKey;
import io.legate.tls.ClientSslContexts;
import io.legate.tls.UpstreamTls;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The clients and scheduler a gateway would hand its health checks, started for a test and stopped after it. HTTP
 * checks get the gateway's own client, which connects to the endpoint a destination is tagged with.
 */
final class Clients implements AutoCloseable {

    final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("health-checks", true);
    final HTTP2Client http2;
    final HttpClient http;
    private final QueuedThreadPool threads = new QueuedThreadPool();
    private final UpstreamClients upstreamClients;
    private final List<HealthWatch> watches = new ArrayList<>();

    /** @param tls how the clients speak TLS to the upstreams checked; null for cleartext only */
    Clients(UpstreamTls tls) throws Exception {
        ClientConnector connector = new ClientConnector();
        if (tls != null) {
            connector.setSslContextFactory(ClientSslContexts.create(tls));
        }
        http2 = new HTTP2Client(connector);
        scheduler.start();
        http2.start();
        threads.start();
        upstreamClients = new UpstreamClients(threads, UpstreamSettings.defaults(), 16 * 1024);
        upstreamClients.start();
        http = upstreamClients.http(tls);
    }

    Clients() throws Exception {
        this(null);
    }

    /** Clients that speak TLS to upstreams whose certificates {@code ca} signed. */
    static Clients trusting(CertifiedKey ca) throws Exception {
        return new Clients(new UpstreamTls(null, List.of(ca.leaf()), null, null, List.of(), List.of()));
    }

    /** A health watch on these clients, closed with them. */
    HealthWatch watch(HealthCheck settings, Upstream upstream, HealthListener listener) {
        HealthWatch watch = HealthWatch.of(settings, upstream, http2, http, scheduler, listener);
        watches.add(watch);
        return watch;
    }

    @Override
    public void close() throws Exception {
        watches.forEach(HealthWatch::close);
        upstreamClients.stop();
        threads.stop();
        http2.stop();
        scheduler.stop();
    }
}

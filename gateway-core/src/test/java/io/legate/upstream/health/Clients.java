package io.legate.upstream.health;

import io.legate.proxy.UpstreamClients;
import io.legate.proxy.UpstreamSettings;
import io.legate.routing.HealthCheck;
import io.legate.routing.Upstream;
import io.legate.tls.CertifiedKey;
import io.legate.tls.UpstreamTls;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The clients and scheduler a gateway would hand its health checks, started for a test and stopped after it: the
 * gateway's own, whose HTTP client connects to the endpoint a destination is tagged with.
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
        scheduler.start();
        threads.start();
        upstreamClients = new UpstreamClients(threads, UpstreamSettings.defaults(), 16 * 1024);
        upstreamClients.start();
        http2 = upstreamClients.http2(tls);
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
        scheduler.stop();
    }
}

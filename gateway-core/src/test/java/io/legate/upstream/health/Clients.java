package io.legate.upstream.health;

import io.legate.routing.HealthCheck;
import io.legate.routing.Upstream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/** The clients and scheduler a gateway would hand its health checks, started for a test and stopped after it. */
final class Clients implements AutoCloseable {

    final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("health-checks", true);
    final HTTP2Client http2;
    final HttpClient http = new HttpClient();
    private final List<HealthWatch> watches = new ArrayList<>();

    /** @param tls the TLS settings of the HTTP/2 client's connector; null for cleartext only */
    Clients(SslContextFactory.Client tls) throws Exception {
        ClientConnector connector = new ClientConnector();
        if (tls != null) {
            connector.setSslContextFactory(tls);
        }
        http2 = new HTTP2Client(connector);
        scheduler.start();
        http2.start();
        http.start();
    }

    Clients() throws Exception {
        this(null);
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
        http.stop();
        http2.stop();
        scheduler.stop();
    }
}

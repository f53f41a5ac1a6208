package io.legate.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code listeners.max_connection_age}: a caller's HTTP/2 connection older than that is sent a graceful GOAWAY
 * (NO_ERROR: the streams in flight finish, new ones go to a new connection) and is closed once its streams ended,
 * so that clients holding one channel for days spread over a fleet again. Each connection's age is drawn within
 * ±10% of the setting, as gRPC servers do, so that connections opened together are not all sent away together.
 * HTTP/1.1 connections are left alone: each of their requests may already go elsewhere.
 */
final class ConnectionAge implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAge.class);

    private final long maxAgeMs;
    private final Scheduler scheduler;
    private final Counter aged;

    ConnectionAge(long maxAgeMs, Scheduler scheduler, PrometheusRegistry registry) {
        this.maxAgeMs = maxAgeMs;
        this.scheduler = scheduler;
        this.aged = Counter.builder()
                .name("legate_connections_aged_total")
                .help("Caller HTTP/2 connections sent a graceful GOAWAY for reaching listeners.max_connection_age")
                .withoutExemplars()
                .register(registry);
    }

    @Override
    public void onOpened(Connection connection) {
        if (!(connection instanceof HTTP2Connection http2)) {
            return;
        }
        long age = maxAgeMs - maxAgeMs / 10 + ThreadLocalRandom.current().nextLong(maxAgeMs / 5 + 1);
        Scheduler.Task goAway = scheduler.schedule(() -> goAway(http2), age, TimeUnit.MILLISECONDS);
        connection.addEventListener(new Connection.Listener() {
            @Override
            public void onClosed(Connection closed) {
                goAway.cancel();
            }
        });
    }

    private void goAway(HTTP2Connection connection) {
        LOG.debug("caller connection {} reached max_connection_age: GOAWAY", connection);
        aged.inc();
        connection.getSession().shutdown();
    }
}

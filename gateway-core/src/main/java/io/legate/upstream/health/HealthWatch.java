package io.legate.upstream.health;

import io.legate.routing.HealthCheck;
import io.legate.routing.Upstream;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Active health checks of the endpoints of one upstream, as Emissary's {@code health_checks} read: each endpoint is
 * checked every {@code intervalMs} (counted from the end of its last check, so checks of one endpoint never
 * overlap); one that fails {@code unhealthyThreshold} checks in a row is unhealthy, and one that then passes
 * {@code healthyThreshold} in a row is healthy again. A check with no answer within {@code timeoutMs} fails.
 * Endpoints start healthy, and are first checked as soon as they are watched.
 *
 * <p>Nothing blocks and no thread is held per endpoint or per check: checks are started by the scheduler and
 * answered on the clients' network threads. Thread-safe.
 */
public final class HealthWatch implements AutoCloseable {

    private final HealthCheck settings;
    private final Probe probe;
    private final Scheduler scheduler;
    private final HealthListener listener;
    private final Map<InetSocketAddress, EndpointHealth> endpoints = new ConcurrentHashMap<>();
    private boolean closed;

    HealthWatch(HealthCheck settings, Probe probe, Scheduler scheduler, HealthListener listener) {
        this.settings = validate(settings);
        this.probe = probe;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    /**
     * The health checks {@code settings} asks for, of the endpoints of {@code upstream}; none is watched yet.
     *
     * @param upstream where the calls go: its host is the default {@code :authority} (gRPC) or {@code Host} (HTTP),
     *                 and for an {@code https} upstream the name that TLS sends and verifies
     * @param http2    for gRPC checks: the client their sessions are opened with; for {@code https}, with its
     *                 connector's TLS settings (Jetty's defaults, the JDK's trust store, when none were set); may be
     *                 null for HTTP checks
     * @param http     for HTTP checks: the client their connections are opened with (each check has connections
     *                 of its own, outside the client's pool); may be null for gRPC checks
     * @param listener told of each check and each change of health
     * @throws IllegalArgumentException when the settings are out of range, or the client they need is missing
     */
    public static HealthWatch of(HealthCheck settings, Upstream upstream, HTTP2Client http2, HttpClient http,
                                 Scheduler scheduler, HealthListener listener) {
        Probe probe;
        if (settings.grpc() != null) {
            probe = new GrpcProbe(settings.grpc(), upstream, required(http2, "an HTTP/2 client for grpc health checks"));
        } else if (settings.http() != null) {
            probe = new HttpProbe(settings.http(), upstream, required(http, "an HTTP client for http health checks"));
        } else {
            throw new IllegalArgumentException("health_check: neither grpc nor http (expected: one of them)");
        }
        return new HealthWatch(settings, probe, scheduler, listener);
    }

    private static <T> T required(T client, String what) {
        if (client == null) {
            throw new IllegalArgumentException("missing " + what);
        }
        return client;
    }

    private static HealthCheck validate(HealthCheck settings) {
        if (settings.intervalMs() <= 0) {
            throw new IllegalArgumentException("interval: " + settings.intervalMs() + " ms (expected: > 0)");
        }
        if (settings.timeoutMs() <= 0) {
            throw new IllegalArgumentException("timeout: " + settings.timeoutMs() + " ms (expected: > 0)");
        }
        if (settings.unhealthyThreshold() < 1) {
            throw new IllegalArgumentException("unhealthy_threshold: " + settings.unhealthyThreshold()
                    + " (expected: >= 1)");
        }
        if (settings.healthyThreshold() < 1) {
            throw new IllegalArgumentException("healthy_threshold: " + settings.healthyThreshold()
                    + " (expected: >= 1)");
        }
        return settings;
    }

    /**
     * Watches {@code watched} from now on, in place of what was watched before: an endpoint new to the set starts
     * healthy and is checked at once; one that stays keeps its health and its rhythm; one that left is no longer
     * checked, its check in flight abandoned and its connection closed.
     *
     * @throws IllegalArgumentException when an endpoint is a name not resolved
     * @throws IllegalStateException    once closed
     */
    public synchronized void watch(Collection<InetSocketAddress> watched) {
        if (closed) {
            throw new IllegalStateException("health checks closed");
        }
        for (InetSocketAddress endpoint : watched) {
            if (endpoint.isUnresolved()) {
                throw new IllegalArgumentException("endpoint " + endpoint + ": not an IP address and port");
            }
        }
        Set<InetSocketAddress> wanted = Set.copyOf(watched);
        endpoints.entrySet().removeIf(watching -> {
            if (wanted.contains(watching.getKey())) {
                return false;
            }
            watching.getValue().stop();
            probe.forget(watching.getKey());
            return true;
        });
        for (InetSocketAddress endpoint : wanted) {
            if (!endpoints.containsKey(endpoint)) {
                EndpointHealth health = new EndpointHealth(endpoint, settings, probe, scheduler, listener);
                endpoints.put(endpoint, health);
                health.start();
            }
        }
    }

    /** Whether {@code endpoint} is healthy; an endpoint not watched is, as every endpoint is until checked. */
    public boolean healthy(InetSocketAddress endpoint) {
        EndpointHealth health = endpoints.get(endpoint);
        return health == null || health.healthy();
    }

    /** The endpoints watched now. */
    public Set<InetSocketAddress> watched() {
        return Set.copyOf(endpoints.keySet());
    }

    /** Stops every check and closes the connections they used. */
    @Override
    public synchronized void close() {
        closed = true;
        endpoints.values().forEach(EndpointHealth::stop);
        endpoints.clear();
        probe.close();
    }
}

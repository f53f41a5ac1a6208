package io.legate.upstream.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.legate.routing.HealthCheck;
import io.legate.routing.Upstream;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthWatchSettingsTest {

    private static final HealthCheck.Grpc GRPC = new HealthCheck.Grpc("", null);
    private static final Upstream UPSTREAM = new Upstream("http", "greeter.test", 50051);

    private Clients clients;

    @BeforeEach
    void start() throws Exception {
        clients = new Clients();
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
    }

    private String refusal(HealthCheck settings, Upstream upstream) {
        return assertThrows(IllegalArgumentException.class,
                () -> clients.watch(settings, upstream, HealthListener.NONE)).getMessage();
    }

    @Test
    void anIntervalOfZeroIsRefused() {
        assertEquals("interval: 0 ms (expected: > 0)", refusal(new HealthCheck(0, 3000, 2, 1, GRPC, null), UPSTREAM));
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        assertEquals("timeout: -5 ms (expected: > 0)", refusal(new HealthCheck(5000, -5, 2, 1, GRPC, null), UPSTREAM));
    }

    @Test
    void thresholdsBelowOneAreRefused() {
        assertEquals("unhealthy_threshold: 0 (expected: >= 1)",
                refusal(new HealthCheck(5000, 3000, 0, 1, GRPC, null), UPSTREAM));
        assertEquals("healthy_threshold: 0 (expected: >= 1)",
                refusal(new HealthCheck(5000, 3000, 2, 0, GRPC, null), UPSTREAM));
    }

    @Test
    void aCheckOfNeitherKindIsRefused() {
        assertEquals("health_check: neither grpc nor http (expected: one of them)",
                refusal(new HealthCheck(5000, 3000, 2, 1, null, null), UPSTREAM));
    }

    @Test
    void anHttpPathNotStartingWithASlashIsRefused() {
        HealthCheck.Http http = new HealthCheck.Http("healthz", null, List.of());

        assertEquals("health_check.http.path: \"healthz\" (expected: a path starting with /)",
                refusal(new HealthCheck(5000, 3000, 2, 1, null, http), UPSTREAM));
    }

    @Test
    void anUnresolvedEndpointIsRefused() {
        HealthWatch watch = clients.watch(new HealthCheck(5000, 3000, 2, 1, GRPC, null), UPSTREAM, HealthListener.NONE);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> watch.watch(List.of(InetSocketAddress.createUnresolved("greeter.test", 50051))));
        assertEquals("endpoint greeter.test/<unresolved>:50051: not an IP address and port", e.getMessage());
    }
}

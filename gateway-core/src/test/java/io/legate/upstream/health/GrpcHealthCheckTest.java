package io.legate.upstream.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.legate.routing.HealthCheck;
import io.legate.routing.Upstream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrpcHealthCheckTest {

    private static final long INTERVAL_MS = 100;
    /** What a loaded machine may add to a transition's due time: a check's round trip and the scheduler's lag. */
    private static final long MARGIN_MS = 300;
    private static final long WAIT_MS = 5_000;

    private final HealthEvents events = new HealthEvents();
    private Clients clients;
    private HealthServer server;
    private HealthWatch watch;

    @BeforeEach
    void start() throws Exception {
        clients = new Clients();
        server = HealthServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        server.close();
    }

    private static HealthCheck grpc(String upstreamName, String authority, int unhealthyThreshold,
                                    int healthyThreshold) {
        return new HealthCheck(INTERVAL_MS, 3_000, unhealthyThreshold, healthyThreshold,
                new HealthCheck.Grpc(upstreamName, authority), null);
    }

    /** Watches the server alone, an upstream named greeter.test. */
    private void watch(HealthCheck settings) {
        watch(settings, List.of(server.address()));
    }

    private void watch(HealthCheck settings, List<InetSocketAddress> endpoints) {
        watch = clients.watch(settings, new Upstream("http", "greeter.test", server.address().getPort()), events);
        watch.watch(endpoints);
    }

    @Test
    void aServingEndpointIsCheckedAtOnceAndStaysHealthy() throws Exception {
        server.set("helloworld.Greeter", ServingStatus.SERVING);
        watch(grpc("helloworld.Greeter", null, 1, 1));

        HealthEvents.Check first = events.nextCheck(WAIT_MS);
        assertNotNull(first, "no check within " + WAIT_MS + " ms");
        assertNull(first.failure());
        assertTrue(watch.healthy(server.address()));
    }

    @Test
    void anEndpointTurnedNotServingBecomesUnhealthyAfterUnhealthyThresholdChecks() throws Exception {
        server.set("helloworld.Greeter", ServingStatus.SERVING);
        watch(grpc("helloworld.Greeter", null, 3, 1));
        assertNotNull(events.nextCheck(WAIT_MS));

        long turned = System.nanoTime();
        server.set("helloworld.Greeter", ServingStatus.NOT_SERVING);
        HealthEvents.Change change = events.nextChange(WAIT_MS);
        long tookMs = (System.nanoTime() - turned) / 1_000_000;

        assertEquals(new HealthEvents.Change(server.address(), false), change);
        assertTrue(tookMs >= 2 * INTERVAL_MS, "unhealthy after " + tookMs + " ms: fewer than 3 checks");
        assertTrue(tookMs <= 3 * INTERVAL_MS + MARGIN_MS, "unhealthy after " + tookMs + " ms");
        assertEquals(false, watch.healthy(server.address()));
    }

    @Test
    void anUnhealthyEndpointTurnedServingBecomesHealthyAfterHealthyThresholdChecks() throws Exception {
        server.set("helloworld.Greeter", ServingStatus.NOT_SERVING);
        watch(grpc("helloworld.Greeter", null, 1, 2));
        assertEquals(new HealthEvents.Change(server.address(), false), events.nextChange(WAIT_MS));

        long turned = System.nanoTime();
        server.set("helloworld.Greeter", ServingStatus.SERVING);
        HealthEvents.Change change = events.nextChange(WAIT_MS);
        long tookMs = (System.nanoTime() - turned) / 1_000_000;

        assertEquals(new HealthEvents.Change(server.address(), true), change);
        assertTrue(tookMs >= INTERVAL_MS, "healthy after " + tookMs + " ms: fewer than 2 checks");
        assertTrue(tookMs <= 2 * INTERVAL_MS + MARGIN_MS, "healthy after " + tookMs + " ms");
        assertTrue(watch.healthy(server.address()));
    }

    @Test
    void aCheckUnansweredWithinTheTimeoutFails() throws Exception {
        server.silent(true);
        watch = clients.watch(new HealthCheck(INTERVAL_MS, 200, 1, 1, new HealthCheck.Grpc("", null), null),
                new Upstream("http", "greeter.test", server.address().getPort()), events);
        long started = System.nanoTime();
        watch.watch(List.of(server.address()));

        Throwable failure = events.nextFailure(WAIT_MS);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertInstanceOf(TimeoutException.class, failure);
        assertTrue(tookMs >= 200 && tookMs <= 200 + MARGIN_MS, "timed out after " + tookMs + " ms");
        assertEquals(new HealthEvents.Change(server.address(), false), events.nextChange(WAIT_MS));
    }

    @Test
    void aStoppedServerBecomesUnhealthy() throws Exception {
        InetSocketAddress endpoint = server.address();
        watch(grpc("", null, 2, 1));
        assertNull(events.nextCheck(WAIT_MS).failure());

        server.close();

        assertEquals(new HealthEvents.Change(endpoint, false), events.nextChange(WAIT_MS));
        assertEquals(false, watch.healthy(endpoint));
    }

    @Test
    void anUnknownServiceNameIsUnhealthy() throws Exception {
        watch(grpc("no.such.Service", null, 1, 1));

        Throwable failure = events.nextFailure(WAIT_MS);

        assertInstanceOf(CheckFailed.class, failure);
        assertTrue(failure.getMessage().startsWith("grpc-status 5"), failure.getMessage());
        assertEquals(new HealthEvents.Change(server.address(), false), events.nextChange(WAIT_MS));
    }

    @Test
    void theServiceNotServingIsNamedAsTheReason() throws Exception {
        server.set("helloworld.Greeter", ServingStatus.NOT_SERVING);
        watch(grpc("helloworld.Greeter", null, 1, 1));

        assertEquals("NOT_SERVING", events.nextFailure(WAIT_MS).getMessage());
    }

    @Test
    void theAuthorityIsTheUpstreamHostUnlessOneIsGiven() throws Exception {
        watch(grpc("", null, 1, 1));
        assertNull(events.nextCheck(WAIT_MS).failure());
        assertEquals("greeter.test", server.lastAuthority());
        watch.close();
        events.clear();

        watch(grpc("", "health.internal:8081", 1, 1));
        assertNull(events.nextCheck(WAIT_MS).failure());
        assertEquals("health.internal:8081", server.lastAuthority());
    }

    @Test
    void checksOfAnEndpointShareOneConnection() throws Exception {
        watch(grpc("", null, 1, 1));
        for (int i = 0; i < 3; i++) {
            assertNull(events.nextCheck(WAIT_MS).failure());
        }

        assertTrue(server.checks().get() >= 3);
        assertEquals(1, server.connections().get());
    }

    @Test
    void watchingANewSetStopsCheckingTheEndpointsLeftOut() throws Exception {
        try (HealthServer other = HealthServer.start()) {
            watch(grpc("", null, 1, 1), List.of(server.address(), other.address()));
            assertTrue(server.checks().await(count -> count >= 1, WAIT_MS));
            assertTrue(other.checks().await(count -> count >= 1, WAIT_MS));

            watch.watch(List.of(other.address()));
            assertTrue(server.connections().await(open -> open == 0, WAIT_MS), "the connection stays open");
            int checksLeftOut = server.checks().get();
            int checksKept = other.checks().get();
            assertTrue(other.checks().await(count -> count >= checksKept + 3, WAIT_MS));

            assertEquals(checksLeftOut, server.checks().get());
            assertEquals(Set.of(other.address()), watch.watched());
        }
    }

    @Test
    void closeStopsTheChecksAndReleasesTheirConnections() throws Exception {
        // Checks a second apart: none is in flight when the first has ended.
        watch(new HealthCheck(1_000, 3_000, 1, 1, new HealthCheck.Grpc("", null), null));
        assertNull(events.nextCheck(WAIT_MS).failure());

        watch.close();

        assertTrue(server.connections().await(open -> open == 0, WAIT_MS), "the connection stays open");
        assertNull(events.nextCheck(1_500), "checked after close");
        assertEquals(1, server.checks().get());
    }

    @Test
    void anEndpointNotWatchedIsHealthy() {
        watch = clients.watch(grpc("", null, 1, 1), new Upstream("http", "greeter.test", 1), events);

        assertTrue(watch.healthy(new InetSocketAddress("127.0.0.1", 1)));
    }
}

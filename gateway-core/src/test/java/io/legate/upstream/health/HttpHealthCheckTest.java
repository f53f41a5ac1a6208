package io.legate.upstream.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.routing.HealthCheck;
import io.legate.routing.Upstream;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpHealthCheckTest {

    private static final long WAIT_MS = 5_000;

    private final HealthEvents events = new HealthEvents();
    private Clients clients;
    private StatusServer server;
    private HealthWatch watch;

    @BeforeEach
    void start() throws Exception {
        clients = new Clients();
        server = StatusServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        server.close();
    }

    private void watch(String hostname, HealthCheck.StatusRange... expected) {
        HealthCheck settings = new HealthCheck(100, 3_000, 1, 1,
                null, new HealthCheck.Http("/healthz", hostname, List.of(expected)));
        watch = clients.watch(settings, new Upstream("http", "api.test", server.address().getPort()), events);
        watch.watch(List.of(server.address()));
    }

    @Test
    void theCheckIsAGetOfThePathWithTheUpstreamHostAsHost() throws Exception {
        watch(null);

        assertNull(events.nextCheck(WAIT_MS).failure());
        assertEquals("GET /healthz Host: api.test", server.lastRequest());
    }

    @Test
    void theHostnameGivenIsSentAsHost() throws Exception {
        watch("health.api.test");

        assertNull(events.nextCheck(WAIT_MS).failure());
        assertEquals("GET /healthz Host: health.api.test", server.lastRequest());
    }

    @Test
    void aStatusInOneOfTheExpectedRangesIsHealthy() throws Exception {
        server.answer(418);
        watch(null, new HealthCheck.StatusRange(200, 201), new HealthCheck.StatusRange(418, 419));

        for (int i = 0; i < 3; i++) {
            assertNull(events.nextCheck(WAIT_MS).failure());
        }
        assertTrue(watch.healthy(server.address()));
    }

    @Test
    void aStatusOutsideTheExpectedRangesIsUnhealthy() throws Exception {
        server.answer(200);
        watch(null, new HealthCheck.StatusRange(204, 205));

        Throwable failure = events.nextFailure(WAIT_MS);

        assertInstanceOf(CheckFailed.class, failure);
        assertEquals("HTTP status 200", failure.getMessage());
        assertEquals(new HealthEvents.Change(server.address(), false), events.nextChange(WAIT_MS));
    }

    @Test
    void checksAnsweredWithAnUnexpectedStatusKeepTheirConnection() throws Exception {
        server.answer(503);
        watch(null);

        assertTrue(server.requests().await(count -> count >= 3, WAIT_MS));
        assertEquals(1, server.accepted().get());
    }

    @Test
    void withNoExpectedStatusesAnyStatusOutside2xxIsUnhealthy() throws Exception {
        server.answer(204);
        watch(null);
        assertNull(events.nextCheck(WAIT_MS).failure());

        server.answer(301);

        assertEquals("HTTP status 301", events.nextFailure(WAIT_MS).getMessage());
        assertEquals(new HealthEvents.Change(server.address(), false), events.nextChange(WAIT_MS));
    }

    @Test
    void checksShareOneConnectionThatCloseReleases() throws Exception {
        watch(null);
        assertTrue(server.requests().await(count -> count >= 3, WAIT_MS));
        assertEquals(1, server.accepted().get());

        watch.close();

        assertTrue(server.connections().await(open -> open == 0, WAIT_MS), "the connection stays open");
    }

    @Test
    void checksKeepFailingOnceTheirClientIsStopped() throws Exception {
        watch(null);
        assertNull(events.nextCheck(WAIT_MS).failure());

        clients.http.stop();

        assertEquals(new HealthEvents.Change(server.address(), false), events.nextChange(WAIT_MS));
        assertNotNull(events.nextFailure(WAIT_MS), "no check after the first failure");
    }

    @Test
    void aCheckUnansweredWithinTheTimeoutFailsAndTheNextGoesOnANewConnection() throws Exception {
        server.silent();
        watch = clients.watch(new HealthCheck(100, 200, 1, 1, null, new HealthCheck.Http("/healthz", null, List.of())),
                new Upstream("http", "api.test", server.address().getPort()), events);
        watch.watch(List.of(server.address()));

        for (int i = 0; i < 3; i++) {
            assertInstanceOf(TimeoutException.class, events.nextFailure(WAIT_MS));
        }
        // The server keeps each unanswered exchange open, so every request it saw came on a connection of its own.
        assertTrue(server.requests().await(count -> count >= 3, WAIT_MS), "checks after a timeout were not sent");
        int requests = server.requests().get();
        assertTrue(server.accepted().get() >= requests, requests + " requests on fewer connections");
    }

    @Test
    void anEndpointNotAnsweringTcpIsUnhealthy() throws Exception {
        watch(null);
        assertNotNull(events.nextCheck(WAIT_MS));

        server.close();

        assertEquals(new HealthEvents.Change(server.address(), false), events.nextChange(WAIT_MS));
    }
}

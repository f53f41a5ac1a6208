package io.legate.upstream.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.routing.HealthCheck;
import io.legate.routing.Upstream;
import io.legate.testing.TestCertificates;
import io.legate.tls.CertifiedKey;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpsHealthCheckTest {

    private static final long WAIT_MS = 5_000;
    private static final CertifiedKey CA = TestCertificates.ca("https health checks test CA");

    private final HealthEvents events = new HealthEvents();
    private Clients clients;
    private StatusServer server;

    @AfterEach
    void stop() throws Exception {
        clients.close();
        server.close();
    }

    /** Checks of {@code https://api.test:<port>} by clients trusting CA, whose one endpoint is the server. */
    private HealthWatch watch(CertifiedKey certificate) throws Exception {
        clients = Clients.trusting(CA);
        server = StatusServer.startTls(certificate);
        HealthWatch watch = clients.watch(new HealthCheck(100, 3_000, 1, 1, null,
                        new HealthCheck.Http("/healthz", null, List.of())),
                new Upstream("https", "api.test", server.address().getPort()), events);
        watch.watch(List.of(server.address()));
        return watch;
    }

    @Test
    void anEndpointIsCheckedOverTlsNamingTheUpstreamHost() throws Exception {
        HealthWatch watch = watch(TestCertificates.server(CA, "api.test"));

        assertNull(events.nextCheck(WAIT_MS).failure());
        assertEquals("GET /healthz Host: api.test", server.lastRequest());
        assertEquals("api.test", server.lastSni());
        assertTrue(watch.healthy(server.address()));
    }

    @Test
    void anEndpointAnswering503OverTlsIsUnhealthy() throws Exception {
        HealthWatch watch = watch(TestCertificates.server(CA, "api.test"));
        assertNull(events.nextCheck(WAIT_MS).failure());

        server.answer(503);

        Throwable failure = events.nextFailure(WAIT_MS);
        assertInstanceOf(CheckFailed.class, failure);
        assertEquals("HTTP status 503", failure.getMessage());
        assertEquals(new HealthEvents.Change(server.address(), false), events.nextChange(WAIT_MS));
        assertFalse(watch.healthy(server.address()));
    }

    @Test
    void anEndpointWhoseCertificateNamesAnotherHostIsUnhealthy() throws Exception {
        HealthWatch watch = watch(TestCertificates.server(CA, "other.test"));

        assertInstanceOf(SSLHandshakeException.class, events.nextFailure(WAIT_MS));
        assertEquals(new HealthEvents.Change(server.address(), false), events.nextChange(WAIT_MS));
        assertFalse(watch.healthy(server.address()));
        assertEquals(0, server.requests().get());
    }

    @Test
    void anEndpointWhoseCertificateIsSignedByAnUntrustedCaIsUnhealthy() throws Exception {
        HealthWatch watch = watch(TestCertificates.server(TestCertificates.ca("untrusted CA"), "api.test"));

        assertInstanceOf(SSLHandshakeException.class, events.nextFailure(WAIT_MS));
        assertEquals(new HealthEvents.Change(server.address(), false), events.nextChange(WAIT_MS));
        assertFalse(watch.healthy(server.address()));
        assertEquals(0, server.requests().get());
    }
}

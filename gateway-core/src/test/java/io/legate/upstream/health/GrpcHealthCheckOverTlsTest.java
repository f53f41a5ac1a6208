package io.legate.upstream.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.legate.routing.HealthCheck;
import io.legate.routing.Upstream;
import io.legate.testing.TestCertificates;
import io.legate.tls.CertifiedKey;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrpcHealthCheckOverTlsTest {

    private static final long WAIT_MS = 5_000;
    private static final CertifiedKey CA = TestCertificates.ca("health checks test CA");

    private final HealthEvents events = new HealthEvents();
    private Clients clients;

    @BeforeEach
    void start() throws Exception {
        clients = Clients.trusting(CA);
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
    }

    private HealthWatch watch(HealthServer server, String upstreamHost) {
        HealthWatch watch = clients.watch(new HealthCheck(100, 3_000, 1, 1, new HealthCheck.Grpc("", null), null),
                new Upstream("https", upstreamHost, server.address().getPort()), events);
        watch.watch(List.of(server.address()));
        return watch;
    }

    @Test
    void anEndpointWhoseCertificateNamesTheUpstreamHostIsCheckedOverTls() throws Exception {
        try (HealthServer server = HealthServer.startTls(TestCertificates.server(CA, "greeter.test"))) {
            watch(server, "greeter.test");

            assertNull(events.nextCheck(WAIT_MS).failure());
            assertEquals("greeter.test", server.lastAuthority());
        }
    }

    @Test
    void anEndpointWhoseCertificateNamesAnotherHostIsUnhealthy() throws Exception {
        try (HealthServer server = HealthServer.startTls(TestCertificates.server(CA, "other.test"))) {
            HealthWatch watch = watch(server, "greeter.test");

            assertInstanceOf(SSLHandshakeException.class, events.nextFailure(WAIT_MS));
            assertEquals(new HealthEvents.Change(server.address(), false), events.nextChange(WAIT_MS));
            assertEquals(false, watch.healthy(server.address()));
        }
    }
}

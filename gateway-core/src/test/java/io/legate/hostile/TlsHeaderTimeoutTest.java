package io.legate.hostile;

import io.legate.config.PeerLimits;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.RawH2Connection;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.testing.TlsHandshake;
import io.legate.tls.CertifiedKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The header timeout on the TLS listener: counted from accept, the handshake included; requests seen through TLS. */
class TlsHeaderTimeoutTest {

    private static final long HEADER_TIMEOUT_MS = 3000;
    private static final CertifiedKey CA = TestCertificates.ca("timeout ca");
    private static final CertifiedKey CERT = TestCertificates.server(CA, "a.example.com");
    private static EchoHttpServer upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = EchoHttpServer.start();
        gateway = Gateway.startWithResources(Resources.secret("cert", CERT)
                        + Resources.host("a", "a.example.com", "cert", "Route")
                        + Mappings.http("echo", upstream.address(), "prefix: /echo/"),
                new PeerLimits(16 * 1024, 16 * 1024, HEADER_TIMEOUT_MS, 60_000, 1000, 1000, 128, 0));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    @Test
    void aTlsConnectionThatNeverHandshakesIsClosedAtTheHeaderTimeout() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", gateway.httpsPort())) {
            assertTrue(RawH2Connection.closedWithin(silent, silent.getInputStream(), 4 * HEADER_TIMEOUT_MS));
        }
    }

    @Test
    void aTlsConnectionThatBroughtARequestOutlivesTheHeaderTimeout() throws Exception {
        try (SSLSocket tls = TlsHandshake.handshake(gateway.httpsPort(), CA, "a.example.com", "http/1.1")) {
            tls.getOutputStream().write("GET /echo/x HTTP/1.1\r\nHost: a.example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = tls.getInputStream();
            byte[] reply = new byte[4096];
            tls.setSoTimeout(10_000);
            int read = in.read(reply);
            assertTrue(new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));

            assertFalse(RawH2Connection.closedWithin(tls, in, HEADER_TIMEOUT_MS * 3 / 2), "the connection stays open");
        }
    }
}

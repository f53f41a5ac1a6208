package io.legate.admin;

import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.legate.testing.TestCertificates;
import io.legate.testing.TlsHandshake;
import io.legate.tls.CertifiedKey;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** A Secret replaced through the admin API serves the next TLS connection, without a restart and without dropping open ones. */
class CertificateRotationTest extends AdminGatewayTest {

    private static final CertifiedKey CA = TestCertificates.ca("rotation CA");
    private static final String HOST = """
            apiVersion: getambassador.io/v3alpha1
            kind: Host
            metadata:
              name: api
            spec:
              hostname: api.test
              tlsSecret:
                name: api-cert
            """;


    private void storeCertificate(CertifiedKey key) throws Exception {
        var response = admin.put("/api/v1/secrets/api-cert", YAML, TestCertificates.secretYaml("api-cert", key, null));
        assertEquals(true, response.statusCode() == 200 || response.statusCode() == 201, response::body);
    }

    @Test
    void theNextConnectionGetsTheReplacedCertificateAndTheOpenOneKeepsItsOwn() throws Exception {
        CertifiedKey first = TestCertificates.server(CA, "api.test");
        CertifiedKey second = TestCertificates.server(CA, "api.test");
        storeCertificate(first);
        assertEquals(201, admin.put("/api/v1/hosts/api", YAML, HOST).statusCode());

        try (SSLSocket before = TlsHandshake.handshake(admin.gateway().httpsPort(), CA, "api.test", "h2")) {
            assertEquals(first.leaf(), before.getSession().getPeerCertificates()[0]);

            storeCertificate(second);

            try (SSLSocket after = TlsHandshake.handshake(admin.gateway().httpsPort(), CA, "api.test", "h2")) {
                assertEquals(second.leaf(), after.getSession().getPeerCertificates()[0]);
            }
            assertFalse(before.isClosed());
            assertEquals(first.leaf(), before.getSession().getPeerCertificates()[0]);
        }
    }
}

package io.legate.admin;

import static io.legate.admin.AdminApiTest.json;
import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.testing.TestCertificates;
import io.legate.tls.CertifiedKey;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A write that would leave a reference dangling is refused with 422 naming the field, and stores nothing. */
class DanglingReferenceTest extends AdminGatewayTest {

    private static final String TLS_CONTEXT = """
            apiVersion: getambassador.io/v3alpha1
            kind: TLSContext
            metadata:
              name: upstream
            spec:
              alpn_protocols: h2
              secret: ambassador-cert
            """;


    @Test
    void aTlsContextNamingAMissingSecretIsRefused() throws Exception {
        HttpResponse<String> response = admin.put("/api/v1/tlscontexts/upstream", YAML, TLS_CONTEXT);

        assertEquals(422, response.statusCode(), response::body);
        assertTrue(json(response).path("problems").get(0).path("field").asText().contains("secret"), response::body);
        assertEquals(404, admin.get("/api/v1/tlscontexts/upstream").statusCode());
    }

    @Test
    void theSameTlsContextIsAcceptedOnceItsSecretIsStored() throws Exception {
        CertifiedKey ca = TestCertificates.ca("test CA");
        String secret = TestCertificates.secretYaml("ambassador-cert", TestCertificates.server(ca, "localhost"), ca);
        assertEquals(201, admin.put("/api/v1/secrets/ambassador-cert", YAML, secret).statusCode());

        HttpResponse<String> response = admin.put("/api/v1/tlscontexts/upstream", YAML, TLS_CONTEXT);

        assertEquals(201, response.statusCode(), response::body);
    }

    @Test
    void deletingASecretThatATlsContextUsesIsRefused() throws Exception {
        CertifiedKey ca = TestCertificates.ca("test CA");
        admin.put("/api/v1/secrets/ambassador-cert", YAML, TestCertificates.secretYaml("ambassador-cert", TestCertificates.server(ca, "localhost"), ca));
        admin.put("/api/v1/tlscontexts/upstream", YAML, TLS_CONTEXT);

        HttpResponse<String> response = admin.delete("/api/v1/secrets/ambassador-cert");

        assertEquals(422, response.statusCode(), response::body);
        assertEquals(200, admin.get("/api/v1/secrets/ambassador-cert").statusCode());
    }

    @Test
    void anApplyBatchThatBringsTheSecretAlongIsAccepted() throws Exception {
        CertifiedKey ca = TestCertificates.ca("test CA");
        String batch = TestCertificates.secretYaml("ambassador-cert", TestCertificates.server(ca, "localhost"), ca) + "---\n" + TLS_CONTEXT;

        HttpResponse<String> response = admin.post("/api/v1/apply", YAML, batch);

        assertEquals(200, response.statusCode(), response::body);
    }
}

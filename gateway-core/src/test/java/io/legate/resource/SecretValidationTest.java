package io.legate.resource;

import io.legate.resource.model.Problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.testing.TestCertificates;
import io.legate.tls.CertifiedKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretValidationTest {

    private static final CertifiedKey CA = TestCertificates.ca("test ca");
    private static final CertifiedKey SERVER = TestCertificates.server(CA, "grpc.example.com", "127.0.0.1");

    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void tlsSecretWithPkcs8KeyAndCaLoads() {
        LoadResult result = loader.parse("s.yaml", TestCertificates.secretYaml("cert", SERVER, CA));

        assertEquals(List.of(), result.problems());
        SecretSpec secret = (SecretSpec) result.resources().get(0).typed();
        assertEquals(SERVER.leaf(), secret.tls().leaf());
        assertEquals(CA.leaf(), secret.ca().get(0));
    }

    @Test
    void pkcs1RsaKeyIsRead() {
        CertifiedKey rsa = TestCertificates.rsa(CA, "rsa.example.com");
        LoadResult result = loader.parse("s.yaml", secret(TestCertificates.certificatePem(rsa),
                TestCertificates.traditionalPem(rsa.key())));

        assertEquals(List.of(), result.problems());
        assertTrue(TestCertificates.traditionalPem(rsa.key()).contains("BEGIN RSA PRIVATE KEY"));
    }

    @Test
    void sec1EcKeyIsRead() {
        String sec1 = TestCertificates.traditionalPem(SERVER.key());
        LoadResult result = loader.parse("s.yaml", secret(TestCertificates.certificatePem(SERVER), sec1));

        assertEquals(List.of(), result.problems());
        assertTrue(sec1.contains("BEGIN EC PRIVATE KEY"));
    }

    @Test
    void base64DataAsKubectlPrintsItIsRead() {
        String yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: cert\ntype: kubernetes.io/tls\ndata:\n"
                + "  tls.crt: " + base64(TestCertificates.certificatePem(SERVER)) + "\n"
                + "  tls.key: " + base64(TestCertificates.pkcs8Pem(SERVER.key())) + "\n";

        assertEquals(List.of(), loader.parse("s.yaml", yaml).problems());
    }

    @Test
    void caOnlyOpaqueSecretLoads() {
        LoadResult result = loader.parse("s.yaml", TestCertificates.caSecretYaml("ca", CA));

        assertEquals(List.of(), result.problems());
        assertEquals(List.of(CA.leaf()), ((SecretSpec) result.resources().get(0).typed()).ca());
    }

    @Test
    void keyThatDoesNotMatchTheCertificateIsRejected() {
        CertifiedKey other = TestCertificates.server(CA, "other.example.com");
        String pkcs8 = TestCertificates.pkcs8Pem(other.key());
        LoadResult result = loader.parse("s.yaml", secret(TestCertificates.certificatePem(SERVER), pkcs8));

        assertRejected(result, "stringData.tls.key", "does not match the certificate");
        assertKeyNotQuoted(result, pkcs8);
    }

    @Test
    void expiredCertificateIsRejected() {
        CertifiedKey expired = TestCertificates.expired(CA, "old.example.com");
        LoadResult result = loader.parse("s.yaml", TestCertificates.secretYaml("cert", expired, null));

        assertRejected(result, "stringData.tls.crt", "expired on");
    }

    @Test
    void garbagePemIsRejected() {
        LoadResult result = loader.parse("s.yaml", secret("-----BEGIN CERTIFICATE-----\nnot base64 at all!\n"
                + "-----END CERTIFICATE-----\n", TestCertificates.pkcs8Pem(SERVER.key())));

        assertRejected(result, "stringData.tls.crt", "not valid PEM");
    }

    @Test
    void textWithoutAnyPemBlockIsRejected() {
        LoadResult result = loader.parse("s.yaml", secret("hello", "world"));

        assertRejected(result, "stringData.tls.crt", "no PEM certificate found");
    }

    @Test
    void certificateWithoutKeyIsRejected() {
        String yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: cert\ntype: kubernetes.io/tls\nstringData:\n"
                + "  tls.crt: |\n" + TestCertificates.indent(TestCertificates.certificatePem(SERVER));

        assertRejected(loader.parse("s.yaml", yaml), "stringData.tls.crt", "tls.crt and tls.key go together");
    }

    @Test
    void dataThatIsNotBase64IsRejected() {
        String yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ca\ndata:\n  ca.crt: \"%%%\"\n";

        assertRejected(loader.parse("s.yaml", yaml), "data.ca.crt", "not base64");
    }

    @Test
    void secretResourceNeverPrintsItsKey() {
        String pkcs8 = TestCertificates.pkcs8Pem(SERVER.key());
        Resource resource = loader.parse("s.yaml", TestCertificates.secretYaml("cert", SERVER, null)).resources().get(0);

        String printed = resource + " " + resource.typed();
        assertFalse(printed.contains(pkcs8.lines().skip(1).findFirst().orElseThrow()), printed);
        assertTrue(printed.contains("not shown"), printed);
    }

    static void assertRejected(LoadResult result, String field, String message) {
        assertEquals(List.of(), result.resources(), "nothing may load");
        Problem problem = result.errors().stream().filter(p -> field.equals(p.field())).findFirst().orElse(null);
        assertNotNull(problem, "no error on " + field + ": " + result.problems());
        assertTrue(problem.message().contains(message), problem.toString());
    }

    private static void assertKeyNotQuoted(LoadResult result, String pem) {
        String keyLine = pem.lines().skip(1).findFirst().orElseThrow();
        assertFalse(result.problems().toString().contains(keyLine), "a problem quotes the key");
    }

    private static String secret(String crt, String key) {
        return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: cert\ntype: kubernetes.io/tls\nstringData:\n"
                + "  tls.crt: |\n" + TestCertificates.indent(crt) + "  tls.key: |\n" + TestCertificates.indent(key);
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes());
    }
}

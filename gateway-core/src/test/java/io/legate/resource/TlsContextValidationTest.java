package io.legate.resource;

import io.legate.resource.model.Problem;
import static io.legate.resource.SecretValidationTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.testing.TestCertificates;
import io.legate.tls.CertifiedKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsContextValidationTest {

    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void seedTerminationExampleIsRead() {
        LoadResult result = context("hosts:\n- \"*\"\nsecret: ambassador-cert\nalpn_protocols: h2");

        assertEquals(List.of(), result.problems());
        assertEquals(new TlsContextSpec(List.of("*"), "ambassador-cert", List.of("h2"), null, null, null, false,
                List.of(), null), result.resources().get(0).typed());
    }

    @Test
    void alpnProtocolsAreACommaListOrAList() {
        TlsContextSpec comma = (TlsContextSpec) context("alpn_protocols: h2,http/1.1").resources().get(0).typed();
        TlsContextSpec list = (TlsContextSpec) context("alpn_protocols: [\"h2\"]").resources().get(0).typed();

        assertEquals(List.of("h2", "http/1.1"), comma.alpnProtocols());
        assertEquals(List.of("h2"), list.alpnProtocols());
    }

    @Test
    void versionsAreTranslatedToTheJdksNames() {
        TlsContextSpec spec = (TlsContextSpec) context("min_tls_version: v1.2\nmax_tls_version: v1.3")
                .resources().get(0).typed();

        assertEquals("TLSv1.2", spec.minTlsVersion());
        assertEquals("TLSv1.3", spec.maxTlsVersion());
    }

    @Test
    void unknownVersionAlpnAndCipherSuiteAreErrors() {
        assertRejected(context("min_tls_version: v1.4"), "spec.min_tls_version", "not one of");
        assertRejected(context("cipher_suites: [ECDHE-RSA-AES128-GCM-SHA256, NOT-A-SUITE]"), "spec.cipher_suites",
                "\"NOT-A-SUITE\" is not a cipher suite");
    }

    @Test
    void openSslCipherNamesAreTranslatedToTheJdksNamesGroupsIncluded() {
        TlsContextSpec spec = (TlsContextSpec) context("""
                cipher_suites:
                - ECDHE-RSA-AES128-GCM-SHA256
                - "[ECDHE-ECDSA-AES128-GCM-SHA256|ECDHE-ECDSA-CHACHA20-POLY1305]"
                - TLS_AES_128_GCM_SHA256""").resources().get(0).typed();

        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"), spec.cipherSuites());
    }

    @Test
    void anOpenSslCipherThisJvmLacksIsAnErrorNamingBothNames() {
        assertRejected(context("cipher_suites: [ECDHE-PSK-CHACHA20-POLY1305]"), "spec.cipher_suites",
                "\"ECDHE-PSK-CHACHA20-POLY1305\" (TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256) is not supported");
    }

    @Test
    void anAlpnProtocolLegateCannotSpeakIsLeftOutWithAWarning() {
        LoadResult result = context("alpn_protocols: istio,h2");

        assertEquals(List.of("h2"), ((TlsContextSpec) result.resources().get(0).typed()).alpnProtocols());
        assertEquals("spec.alpn_protocols: \"istio\" is left out: Legate speaks h2 and http/1.1 only",
                result.problems().get(0).field() + ": " + result.problems().get(0).message());
    }

    @Test
    void certRequiredWithoutACaSecretRequiresNothingAndSaysSo() {
        LoadResult result = context("cert_required: true");

        assertEquals(false, ((TlsContextSpec) result.resources().get(0).typed()).certRequired());
        assertEquals(Problem.Severity.WARNING, result.problems().get(0).severity());
        assertTrue(result.problems().get(0).message().contains("has no effect in Legate"));
    }

    @Test
    void tlsContextNamingAMissingSecretIsASetProblem() {
        LoadResult result = loader.parse("t.yaml", "apiVersion: getambassador.io/v3alpha1\nkind: TLSContext\n"
                + "metadata:\n  name: tls\nspec:\n  secret: missing\n");

        List<Problem> problems = ResourceSet.check(result.resources());

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("spec.secret", problems.get(0).field());
        assertEquals("Secret/missing does not exist", problems.get(0).message());
    }

    @Test
    void mappingNamingAMissingTlsContextIsASetProblem() {
        LoadResult result = loader.parse("m.yaml", io.legate.testing.Mappings.grpc("m", "/a.B/", "https://up", "tls: upstream"));

        assertEquals("TLSContext/upstream does not exist", ResourceSet.check(result.resources()).get(0).message());
    }

    @Test
    void hostTlsSecretMustHoldAKeyPair() {
        CertifiedKey ca = TestCertificates.ca("ca");
        LoadResult result = loader.parse("h.yaml", TestCertificates.caSecretYaml("only-ca", ca)
                + "---\napiVersion: getambassador.io/v3alpha1\nkind: Host\nmetadata:\n  name: h\nspec:\n"
                + "  hostname: a.example.com\n  tlsSecret:\n    name: only-ca\n");

        List<Problem> problems = ResourceSet.check(result.resources());

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("holds no tls.crt and tls.key"), problems.toString());
    }

    @Test
    void aChangeIsJudgedByTheProblemsItAdds() {
        LoadResult context = loader.parse("t.yaml", "apiVersion: getambassador.io/v3alpha1\nkind: TLSContext\n"
                + "metadata:\n  name: tls\nspec:\n  secret: missing\n");
        LoadResult mapping = loader.parse("m.yaml", io.legate.testing.Mappings.grpc("m", "/a.B/", "up"));

        assertEquals(List.of(), ResourceSet.introducedBy(context.resources(),
                concat(context.resources(), mapping.resources())));
        assertEquals(1, ResourceSet.introducedBy(List.of(), context.resources()).size());
    }

    private static List<Resource> concat(List<Resource> a, List<Resource> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private LoadResult context(String spec) {
        return loader.parse("t.yaml", "apiVersion: getambassador.io/v3alpha1\nkind: TLSContext\nmetadata:\n"
                + "  name: tls\nspec:\n" + TestCertificates.indent(spec).replace("    ", "  "));
    }
}

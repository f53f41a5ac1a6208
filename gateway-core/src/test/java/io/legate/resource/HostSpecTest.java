package io.legate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostSpecTest {

    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void requestPolicyAndTlsReferencesAreRead() {
        LoadResult result = host("""
                hostname: host.example.com
                tlsSecret:
                  name: host-cert
                tlsContext:
                  name: host-tls
                requestPolicy:
                  insecure:
                    action: Route
                """);

        assertEquals(List.of(), result.problems());
        assertEquals(new HostSpec("host.example.com", "host-cert", "host-tls", HostSpec.InsecureAction.ROUTE),
                result.resources().get(0).typed());
    }

    @Test
    void insecureActionDefaultsToRedirect() {
        LoadResult result = host("hostname: host.example.com");

        assertEquals(HostSpec.InsecureAction.REDIRECT, ((HostSpec) result.resources().get(0).typed()).insecureAction());
    }

    @Test
    void unknownInsecureActionIsAnError() {
        LoadResult result = host("requestPolicy:\n  insecure:\n    action: route");

        assertTrue(result.resources().isEmpty());
        assertEquals("h.yaml: Host/h: spec.requestPolicy.insecure.action: \"route\" is not one of Redirect, Route, Reject",
                result.problems().get(0).toString());
    }

    @Test
    void acmeProviderOfTheGuideIsOnlyAWarning() {
        LoadResult result = host("hostname: host.example.com\nacmeProvider:\n  authority: none");

        assertEquals(1, result.resources().size());
        assertEquals("spec.acmeProvider", result.warnings().get(0).field());
    }

    private LoadResult host(String spec) {
        return loader.parse("h.yaml", """
                apiVersion: getambassador.io/v3alpha1
                kind: Host
                metadata:
                  name: h
                spec:
                """ + spec.indent(2));
    }
}

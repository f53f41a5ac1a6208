package io.legate.plugins.headerrouting;

import io.legate.plugins.testing.ResourceErrors;
import io.legate.plugins.testing.RoutingProbe;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.legate.plugins.testing.ProblemAssertions.assertOneProblemSaying;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Mapping's {@code headers} and {@code regex_headers} as the gateway's resource loader reads them. */
class HeaderRoutingMappingSettingsTest {

    private static List<String> errors(String... specLines) {
        return ResourceErrors.of(RoutingProbe.mapping("m", "*", "127.0.0.1:1", specLines));
    }

    @Test
    void exactValuesPresenceAndRegexesAreAccepted() {
        assertEquals(List.of(), errors("headers: {\":authority\": subdomain.host.com, x-debug: true}",
                "regex_headers: {content-type: \"^application/grpc.*$\"}"));
    }

    @Test
    void theFieldsMayAlsoBeWrittenUnderThePluginsName() {
        assertEquals(List.of(), errors("plugins: {header_routing: {headers: {x-tenant: blue}}}"));
    }

    @Test
    void aBadRegexIsRefusedNamingTheHeaderAndTheRegexError() {
        assertOneProblemSaying(errors("regex_headers: {x-version: \"v[0-9\"}"),
                "Mapping/m", "regex_headers.x-version", "Unclosed character class");
    }

    @Test
    void falseIsRefusedNamingTheHeader() {
        assertOneProblemSaying(errors("headers: {x-debug: false}"), "Mapping/m", "headers.x-debug: false");
    }

    @Test
    void aRegexThatIsNotAStringIsRefusedNamingTheField() {
        assertOneProblemSaying(errors("regex_headers: [a, b]"), "Mapping/m", "regex_headers");
    }
}

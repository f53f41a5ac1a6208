package io.legate.plugins.headerrouting;

import io.legate.plugins.testing.Protocol;
import io.legate.plugins.testing.RoutingProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mappings with {@code headers} and {@code regex_headers} through a whole gateway, over each protocol: every
 * Mapping is on the same gRPC prefix, so only its header conditions tell them apart.
 */
class HeaderRoutingGatewayTest {

    private static final String OTHER_HOST = "other.host.com";
    private static RoutingProbe probe;

    @BeforeAll
    static void start() throws Exception {
        probe = RoutingProbe.start("*.host.com", HeaderRoutingGatewayTest::mappings);
    }

    /** Mappings on one prefix, told apart by their header conditions only. */
    private static String mappings(String service) {
        return RoutingProbe.mapping("subdomain", "*", service, "headers: {\":authority\": subdomain.host.com}")
                + RoutingProbe.mapping("tenant-blue", "*", service, "headers: {x-tenant: blue}")
                + RoutingProbe.mapping("tenant-green", "*", service, "headers: {x-tenant: green}")
                + RoutingProbe.mapping("version-2", "*", service, "regex_headers: {x-version: \"v2(\\\\.[0-9]+)*\"}")
                + RoutingProbe.mapping("debug", "*", service, "headers: {x-debug: true}")
                // Named so that, without specificity, the one with fewer conditions would come first.
                + RoutingProbe.mapping("scheme-any", "*", service, "headers: {x-case: scheme}")
                + RoutingProbe.mapping("scheme-https", "*", service, "headers: {x-case: scheme, \":scheme\": https}")
                + RoutingProbe.mapping("method-get", "*", service, "headers: {x-case: method, \":method\": GET}")
                + RoutingProbe.mapping("method-post", "*", service, "headers: {x-case: method, \":method\": POST}")
                + RoutingProbe.mapping("path-unary", "*", service, "headers: {x-case: path}",
                "regex_headers: {\":path\": \"/grpc\\\\.testing\\\\.SimpleService/Unary.*\"}")
                + RoutingProbe.mapping("path-streaming", "*", service, "headers: {x-case: path-streaming}",
                "regex_headers: {\":path\": \".*/StreamingRpc\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        probe.close();
    }

    private static String reach(Protocol protocol, String name, String value) throws Exception {
        return probe.reach(protocol, OTHER_HOST, Map.of(name, value));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theGuidesAuthorityConditionRoutesOnThePseudoHeader(Protocol protocol) throws Exception {
        assertEquals("subdomain", probe.reach(protocol, "subdomain.host.com", Map.of()));
        assertEquals(RoutingProbe.UNROUTED, probe.reach(protocol, OTHER_HOST, Map.of()));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void twoMappingsOnOnePrefixAreToldApartByAHeader(Protocol protocol) throws Exception {
        assertEquals("tenant-blue", reach(protocol, "x-tenant", "blue"));
        assertEquals("tenant-green", reach(protocol, "x-tenant", "green"));
        assertEquals(RoutingProbe.UNROUTED, reach(protocol, "x-tenant", "red"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aRegexHeaderMustMatchTheWholeValue(Protocol protocol) throws Exception {
        assertEquals("version-2", reach(protocol, "x-version", "v2"));
        assertEquals("version-2", reach(protocol, "x-version", "v2.1"));
        assertEquals(RoutingProbe.UNROUTED, reach(protocol, "x-version", "v20"));
        assertEquals(RoutingProbe.UNROUTED, reach(protocol, "x-version", "v2-beta"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void trueAsksForTheHeaderWithAnyValue(Protocol protocol) throws Exception {
        assertEquals("debug", reach(protocol, "x-debug", "1"));
        assertEquals("debug", reach(protocol, "x-debug", "anything"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theSchemeTellsTlsCallersFromCleartextOnesAndTheMoreSpecificMappingWins(Protocol protocol) throws Exception {
        assertEquals(protocol == Protocol.H2_TLS ? "scheme-https" : "scheme-any", reach(protocol, "x-case", "scheme"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theMethodOfAGrpcCallIsPost(Protocol protocol) throws Exception {
        assertEquals("method-post", reach(protocol, "x-case", "method"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void thePathCanBeMatchedByARegex(Protocol protocol) throws Exception {
        assertEquals("path-unary", reach(protocol, "x-case", "path"));
        assertEquals(RoutingProbe.UNROUTED, reach(protocol, "x-case", "path-streaming"));
    }
}

package io.legate.plugins.hostport;

import io.legate.plugins.testing.Modules;
import io.legate.plugins.testing.Protocol;
import io.legate.plugins.testing.RoutingProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Emissary's gRPC guide's case through a whole gateway: a gRPC client sends {@code :authority: api.example.com:<port>},
 * and with {@code strip_matching_host_port: true} it reaches the Mapping for {@code hostname: api.example.com}
 * when that port is the port of the listener it called, as in Emissary.
 */
class StripMatchingHostPortTest {

    private static RoutingProbe probe;

    @BeforeAll
    static void start() throws Exception {
        probe = RoutingProbe.start("api.example.com", service -> Modules.ambassador("strip_matching_host_port: true")
                + RoutingProbe.mapping("api", "api.example.com", service));
    }

    @AfterAll
    static void stop() throws Exception {
        probe.close();
    }

    private static String reach(Protocol protocol, String authority) throws Exception {
        return probe.reach(protocol, authority, Map.of());
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theListenersPortIsStrippedSoTheHostnameMatches(Protocol protocol) throws Exception {
        assertEquals("api", reach(protocol, "api.example.com:" + probe.port(protocol)));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anotherPortIsKeptSoTheHostnameDoesNotMatch(Protocol protocol) throws Exception {
        assertEquals(RoutingProbe.UNROUTED, reach(protocol, "api.example.com:443"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void thePortOfTheOtherListenerIsKept(Protocol protocol) throws Exception {
        assertEquals(RoutingProbe.UNROUTED, reach(protocol, "api.example.com:" + probe.otherPort(protocol)));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anAuthorityWithoutAPortIsRoutedAsBefore(Protocol protocol) throws Exception {
        assertEquals("api", reach(protocol, "api.example.com"));
    }
}

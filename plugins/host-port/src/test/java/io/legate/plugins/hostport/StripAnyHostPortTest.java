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
 * {@code strip_any_host_port: true} through a whole gateway: the public port 443 in front of the gateway's own
 * (what Emissary needs a Lua script for) no longer keeps a caller from {@code hostname: api.example.com}.
 */
class StripAnyHostPortTest {

    private static RoutingProbe probe;

    @BeforeAll
    static void start() throws Exception {
        probe = RoutingProbe.start("*.example.com", service -> Modules.ambassador("strip_any_host_port: true")
                + RoutingProbe.mapping("api", "api.example.com", service)
                + RoutingProbe.mapping("grpc-by-header", "*", service, "headers: {\":authority\": grpc.example.com}")
                + RoutingProbe.mapping("loopback-v6", "[::1]", service));
    }

    @AfterAll
    static void stop() throws Exception {
        probe.close();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aPortOtherThanTheListenersIsStripped(Protocol protocol) throws Exception {
        assertEquals("api", probe.reach(protocol, "api.example.com:443", Map.of()));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theListenersOwnPortIsStripped(Protocol protocol) throws Exception {
        assertEquals("api", probe.reach(protocol, "api.example.com:" + probe.port(protocol), Map.of()));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aHeaderConditionOnTheAuthoritySeesItStrippedToo(Protocol protocol) throws Exception {
        assertEquals("grpc-by-header", probe.reach(protocol, "grpc.example.com:443", Map.of()));
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"HTTP_1_1", "H2C"})
    void anIpv6LiteralKeepsItsBrackets(Protocol protocol) throws Exception {
        assertEquals("loopback-v6", probe.reach(protocol, "[::1]:8080", Map.of()));
    }
}

package io.legate.plugins.hostport;

import io.legate.plugin.GatewayFilter;
import io.legate.testing.TestExchange;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HostPortFilterTest {

    private static final int LISTENER_PORT = 8443;

    /** The {@code :authority} the next filters see after {@code filter}, for a request to the listener's port. */
    private static String authorityAfter(GatewayFilter filter, String authority) {
        TestExchange exchange = new TestExchange(authority == null ? Map.of() : Map.of(":authority", authority))
                .onListenerPort(LISTENER_PORT);
        assertEquals(1, exchange.run(filter), "the filter proceeds exactly once");
        return exchange.header(":authority");
    }

    @Test
    void matchingModeStripsTheListenersPort() {
        assertEquals("api.example.com", authorityAfter(HostPortFilter.stripMatching(), "api.example.com:8443"));
    }

    @Test
    void matchingModeKeepsAnotherPort() {
        assertEquals("api.example.com:443", authorityAfter(HostPortFilter.stripMatching(), "api.example.com:443"));
    }

    @Test
    void anyModeStripsAnyPort() {
        assertEquals("api.example.com", authorityAfter(HostPortFilter.stripAny(), "api.example.com:443"));
        assertEquals("api.example.com", authorityAfter(HostPortFilter.stripAny(), "api.example.com:8443"));
    }

    @Test
    void anIpv6LiteralKeepsItsBracketsWhenItsPortIsStripped() {
        assertEquals("[::1]", authorityAfter(HostPortFilter.stripAny(), "[::1]:8080"));
        assertEquals("[::1]", authorityAfter(HostPortFilter.stripMatching(), "[::1]:8443"));
    }

    @Test
    void anAuthorityWithoutAPortIsLeftAsItIs() {
        assertEquals("api.example.com", authorityAfter(HostPortFilter.stripAny(), "api.example.com"));
        assertEquals("[::1]", authorityAfter(HostPortFilter.stripAny(), "[::1]"));
    }

    @Test
    void aRequestWithoutAnAuthorityIsPassedOnUntouched() {
        assertNull(authorityAfter(HostPortFilter.stripAny(), null));
    }
}

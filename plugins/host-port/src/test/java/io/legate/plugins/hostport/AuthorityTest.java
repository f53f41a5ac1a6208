package io.legate.plugins.hostport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuthorityTest {

    @Test
    void aHostNameWithAPortHasThatPort() {
        assertEquals(443, Authority.port("api.example.com:443"));
        assertEquals("api.example.com", Authority.withoutPort("api.example.com:443"));
    }

    @Test
    void aHostNameWithoutAPortHasNone() {
        assertEquals(Authority.NO_PORT, Authority.port("api.example.com"));
    }

    @Test
    void anIpv6LiteralWithAPortHasThatPortAndKeepsItsBrackets() {
        assertEquals(8080, Authority.port("[::1]:8080"));
        assertEquals("[::1]", Authority.withoutPort("[::1]:8080"));
    }

    @Test
    void theColonsOfAnIpv6LiteralAreNotAPort() {
        assertEquals(Authority.NO_PORT, Authority.port("[::1]"));
        assertEquals(Authority.NO_PORT, Authority.port("[2001:db8::8080]"));
    }

    @Test
    void anUnbracketedIpv6AddressIsNotReadAsHostAndPort() {
        assertEquals(Authority.NO_PORT, Authority.port("2001:db8::1"));
    }

    @Test
    void anEmptyOrNonNumericOrTooLargePortIsNoPort() {
        assertEquals(Authority.NO_PORT, Authority.port("api.example.com:"));
        assertEquals(Authority.NO_PORT, Authority.port("api.example.com:http"));
        assertEquals(Authority.NO_PORT, Authority.port("api.example.com:65536"));
        assertEquals(Authority.NO_PORT, Authority.port("api.example.com:-1"));
    }

    @Test
    void anAuthorityWithoutAHostHasNoPort() {
        assertEquals(Authority.NO_PORT, Authority.port(":8080"));
        assertEquals(Authority.NO_PORT, Authority.port(""));
    }
}

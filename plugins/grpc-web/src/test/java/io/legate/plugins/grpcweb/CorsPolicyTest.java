package io.legate.plugins.grpcweb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsPolicyTest {

    private static CorsPolicy origins(Object origins) {
        return CorsPolicy.of(new CorsSettings(origins, null, null, false, null, null));
    }

    @Test
    void anOriginIsComparedWithoutRegardToCase() {
        assertTrue(origins("https://App.Example").allows("https://app.example"));
        assertTrue(origins("https://app.example").allows("HTTPS://APP.EXAMPLE"));
    }

    @Test
    void anotherPortIsAnotherOrigin() {
        assertFalse(origins("https://app.example").allows("https://app.example:8443"));
    }

    @Test
    void noOriginsAllowNone() {
        assertFalse(origins(null).allows("https://app.example"));
    }

    @Test
    void namesAreTrimmedAndEmptyOnesDropped() {
        assertEquals(List.of("a", "b", "c"), CorsPolicy.names(List.of(" a ,b", "", "c,")));
    }

    @Test
    void theAllowedOriginIsEchoedUnlessAnyMayUseTheReply() {
        assertEquals("https://app.example", origins("https://app.example").allowOrigin("https://app.example"));
        assertEquals("*", origins("*").allowOrigin("https://app.example"));
    }
}

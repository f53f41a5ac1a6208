package com.acme.requestid;

import io.legate.plugin.GatewayFilter;
import io.legate.testing.TestExchange;
import io.legate.testing.TestResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestIdFilterTest {

    private static GatewayFilter filter(String header, Boolean echo) {
        return new RequestIdFactory().filter(new RequestIdSettings(header, echo)).orElseThrow();
    }

    /** Runs {@code filter} on a request with {@code headers}, checking that it proceeds exactly once. */
    private static TestExchange run(GatewayFilter filter, Map<String, String> headers) {
        TestExchange exchange = new TestExchange(headers);
        assertEquals(1, exchange.run(filter));
        return exchange;
    }

    /** The headers the exchange's response filters set on a response. */
    private static Map<String, String> responseHeaders(TestExchange exchange) {
        TestResponse response = new TestResponse(200, Map.of());
        exchange.responseFilters().forEach(filter -> filter.onHeaders(response));
        return new TreeMap<>(response.headers);
    }

    @Test
    void aRequestWithoutAnIdGetsARandomUuid() {
        String id = run(filter(null, null), Map.of()).header("x-request-id");
        assertEquals(id, UUID.fromString(id).toString());
        assertNotEquals(id, run(filter(null, null), Map.of()).header("x-request-id"));
    }

    @Test
    void aRequestThatHasAnIdKeepsIt() {
        assertEquals("abc-123", run(filter(null, null), Map.of("X-Request-Id", "abc-123")).header("x-request-id"));
    }

    @Test
    void aBlankIdIsReplaced() {
        String id = run(filter(null, null), Map.of("x-request-id", " ")).header("x-request-id");
        assertEquals(36, id.length(), id);
    }

    @Test
    void theIdIsEchoedOnTheResponse() {
        TestExchange exchange = run(filter(null, true), Map.of("x-request-id", "abc-123"));
        assertEquals(Map.of("x-request-id", "abc-123"), responseHeaders(exchange));
    }

    @Test
    void withoutEchoTheResponseIsLeftAlone() {
        assertTrue(run(filter(null, false), Map.of()).responseFilters().isEmpty());
    }

    @Test
    void anotherHeaderCanCarryTheId() {
        TestExchange exchange = run(filter("x-correlation-id", true), Map.of());
        String id = exchange.header("x-correlation-id");
        assertEquals(36, id.length(), id);
        assertEquals(Map.of("x-correlation-id", id), responseHeaders(exchange));
    }
}

package io.legate.plugins.headerrouting;

import io.legate.plugin.RequestHead;
import io.legate.plugin.RouteCondition;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conditions made from a Mapping's {@code headers} and {@code regex_headers}, on request heads. */
class HeaderConditionTest {

    private static final String PATH = "/helloworld.Greeter/SayHello";

    private static RouteCondition condition(Map<String, Object> headers, Map<String, String> regexHeaders) {
        return new HeaderRoutingFactory().routeCondition(new HeaderRoutingSettings(headers, regexHeaders)).orElseThrow();
    }

    private static RequestHead call(String authority, String... extraHeaders) {
        Map<String, String> extra = new HashMap<>();
        for (int i = 0; i < extraHeaders.length; i += 2) {
            extra.put(extraHeaders[i], extraHeaders[i + 1]);
        }
        return Head.grpc(authority, PATH, extra);
    }

    @Test
    void anExactAuthorityMatchesThatAuthorityOnly() {
        RouteCondition condition = condition(Map.of(":authority", "subdomain.host.com"), Map.of());
        assertTrue(condition.matches(call("subdomain.host.com")));
        assertFalse(condition.matches(call("other.host.com")));
        assertFalse(condition.matches(call("subdomain.host.com:443")));
    }

    @Test
    void anExactValueIsCaseSensitiveButTheNameIsNot() {
        RouteCondition condition = condition(Map.of("X-Tenant", "blue"), Map.of());
        assertTrue(condition.matches(call("a", "x-tenant", "blue")));
        assertFalse(condition.matches(call("a", "x-tenant", "Blue")));
    }

    @Test
    void anAbsentHeaderFailsAnExactCondition() {
        assertFalse(condition(Map.of("x-tenant", "blue"), Map.of()).matches(call("a")));
    }

    @Test
    void trueMeansPresentWithAnyValue() {
        RouteCondition condition = condition(Map.of("x-debug", true), Map.of());
        assertTrue(condition.matches(call("a", "x-debug", "")));
        assertTrue(condition.matches(call("a", "x-debug", "anything")));
        assertFalse(condition.matches(call("a")));
    }

    @Test
    void aRegexMustMatchTheWholeValue() {
        RouteCondition condition = condition(Map.of(), Map.of("x-version", "v[0-9]+"));
        assertTrue(condition.matches(call("a", "x-version", "v12")));
        assertFalse(condition.matches(call("a", "x-version", "v12-beta")));
        assertFalse(condition.matches(call("a", "x-version", "my-v12")));
        assertFalse(condition.matches(call("a")));
    }

    @Test
    void pseudoHeadersMethodPathAndSchemeCanBeMatched() {
        assertTrue(condition(Map.of(":method", "POST", ":scheme", "http"), Map.of(":path", "/helloworld\\..*"))
                .matches(call("a")));
        assertFalse(condition(Map.of(":method", "GET"), Map.of()).matches(call("a")));
        assertFalse(condition(Map.of(":scheme", "https"), Map.of()).matches(call("a")));
    }

    @Test
    void everyConditionMustHold() {
        RouteCondition condition = condition(Map.of(":authority", "a", "x-tenant", "blue"),
                Map.of("content-type", "application/grpc(\\+proto)?"));
        assertTrue(condition.matches(call("a", "x-tenant", "blue")));
        assertFalse(condition.matches(call("b", "x-tenant", "blue")));
        assertFalse(condition.matches(call("a", "x-tenant", "green")));
    }

    @Test
    void theConditionDescribesItselfForTheRouteTable() {
        String text = condition(Map.of("x-debug", true), Map.of("x-version", "v[0-9]+")).toString();
        assertTrue(text.contains("x-debug present"), text);
        assertTrue(text.contains("x-version ~ v[0-9]+"), text);
    }
}

package io.legate.plugins.headerrouting;

import io.legate.plugin.PluginFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The factory as the gateway's registry sees it: name, order, Mapping fields, and no filter. */
class HeaderRoutingFactoryTest {

    private final HeaderRoutingFactory factory = new HeaderRoutingFactory();

    @Test
    void theServiceLoaderFindsTheFactory() {
        assertTrue(ServiceLoader.load(PluginFactory.class).stream()
                .anyMatch(provider -> provider.type() == HeaderRoutingFactory.class));
    }

    @Test
    void itIsNamedHeaderRoutingAndRunsAtOrder150() {
        assertEquals("header_routing", factory.name());
        assertEquals(150, factory.order());
    }

    @Test
    void itClaimsTheMappingsHeadersAndRegexHeaders() {
        assertEquals(Set.of("headers", "regex_headers"), factory.mappingKeys());
        assertEquals(Set.of(), factory.moduleKeys());
    }

    @Test
    void itHasNoFilter() {
        assertTrue(factory.filter(new HeaderRoutingSettings(Map.of("x-a", "1"), Map.of())).isEmpty());
    }

    @Test
    void settingsBoundFromAnEmptyObjectMakeNoCondition() {
        HeaderRoutingSettings empty = new HeaderRoutingSettings(null, null);
        assertEquals(Map.of(), empty.headers());
        assertEquals(Map.of(), empty.regexHeaders());
        assertTrue(factory.validate(empty).isEmpty());
        assertTrue(factory.routeCondition(empty).isEmpty());
    }

    @Test
    void eachHeaderAndRegexHeaderCountsOnceInTheSpecificity() {
        HeaderRoutingSettings settings = new HeaderRoutingSettings(Map.of(":authority", "a.example.com", "x-a", true),
                Map.of("content-type", "application/grpc.*"));
        assertEquals(3, factory.routeCondition(settings).orElseThrow().specificity());
    }
}

package io.legate.plugins.hostport;

import io.legate.plugin.PluginFactory;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;
import java.util.Set;

import static io.legate.plugins.testing.ProblemAssertions.assertOneProblemSaying;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The factory's name, order, settings keys and validation, as the gateway's registry sees them. */
class HostPortFactoryTest {

    private final HostPortFactory factory = new HostPortFactory();

    @Test
    void theServiceLoaderFindsTheFactory() {
        assertTrue(ServiceLoader.load(PluginFactory.class).stream()
                .anyMatch(provider -> provider.type() == HostPortFactory.class));
    }

    @Test
    void itIsNamedHostPortAndRunsAtOrder100() {
        assertEquals("host_port", factory.name());
        assertEquals(100, factory.order());
    }

    @Test
    void itClaimsEmissarysTwoModuleKeys() {
        assertEquals(Set.of("strip_matching_host_port", "strip_any_host_port"), factory.moduleKeys());
        assertEquals(Set.of(), factory.mappingKeys());
    }

    @Test
    void eitherModeAloneIsValid() {
        assertEquals(0, factory.validate(new HostPortSettings(true, false)).size());
        assertEquals(0, factory.validate(new HostPortSettings(false, true)).size());
        assertEquals(0, factory.validate(new HostPortSettings(false, false)).size());
    }

    @Test
    void bothModesTogetherAreRefusedNamingBothFields() {
        assertOneProblemSaying(factory.validate(new HostPortSettings(true, true)),
                "strip_matching_host_port", "strip_any_host_port");
    }

    @Test
    void withNeitherModeThereIsNoFilter() {
        assertTrue(factory.filter(new HostPortSettings(false, false)).isEmpty());
    }

    @Test
    void eachModeMakesItsFilter() {
        assertEquals("strip_matching_host_port", factory.filter(new HostPortSettings(true, false)).orElseThrow().toString());
        assertEquals("strip_any_host_port", factory.filter(new HostPortSettings(false, true)).orElseThrow().toString());
    }
}

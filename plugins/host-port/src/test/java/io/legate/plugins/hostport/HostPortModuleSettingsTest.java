package io.legate.plugins.hostport;

import io.legate.pluginhost.PluginRegistry;
import io.legate.plugins.testing.Modules;
import io.legate.plugins.testing.ResourceErrors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.legate.plugins.testing.ProblemAssertions.assertOneProblemSaying;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings as the gateway reads them from the {@code ambassador} Module, through its resource loader. */
class HostPortModuleSettingsTest {

    @Test
    void settingsBoundFromAnEmptyObjectStripNothing() {
        HostPortSettings none = new HostPortSettings(null, null);
        assertEquals(new HostPortSettings(false, false), none);
        assertTrue(new HostPortFactory().filter(none).isEmpty());
    }

    @Test
    void theGatewayLoadsThePluginFromTheClassPath() {
        PluginRegistry registry = PluginRegistry.classPath();
        assertTrue(registry.named("host_port").isPresent(), registry.failures().toString());
        assertEquals("host_port", registry.claimingModuleKey("strip_any_host_port").orElseThrow().name());
    }

    @Test
    void eitherKeyOnItsOwnIsAValidModule() {
        assertEquals(List.of(), ResourceErrors.of(Modules.ambassador("strip_matching_host_port: true")));
        assertEquals(List.of(), ResourceErrors.of(Modules.ambassador("strip_any_host_port: true")));
    }

    @Test
    void theKeysMayAlsoBeWrittenUnderThePluginsName() {
        assertEquals(List.of(), ResourceErrors.of(Modules.ambassador("host_port: {strip_any_host_port: true}")));
    }

    @Test
    void aModuleWithBothKeysTrueIsRefusedNamingBoth() {
        assertOneProblemSaying(ResourceErrors.of(Modules.ambassador("strip_matching_host_port: true",
                "strip_any_host_port: true")),
                "Module/ambassador", "strip_matching_host_port and strip_any_host_port cannot both be true");
    }

    @Test
    void aValueThatIsNotABooleanIsRefusedNamingTheField() {
        List<String> errors = ResourceErrors.of(Modules.ambassador("strip_any_host_port: sometimes"));
        assertOneProblemSaying(errors, "Module/ambassador", "strip_any_host_port");
        assertFalse(errors.get(0).contains("strip_matching_host_port"), errors.get(0));
    }
}

package io.legate.pluginhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import io.legate.resource.model.ResourceKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which resource kinds a plugin may claim, and what the registry says when it may not. */
class ResourceKindClaimTest {

    private record Claiming(String name, Set<String> resourceKinds) implements PluginFactory<Claiming.Settings> {
        record Settings() {
        }

        public int order() {
            return 1;
        }

        public Class<Settings> settingsType() {
            return Settings.class;
        }

        public Optional<GatewayFilter> filter(Settings settings) {
            return Optional.empty();
        }
    }

    @Test
    void aPluginClaimingAuthServiceReadsIt() {
        PluginRegistry registry = PluginRegistry.of(new Claiming("guard", Set.of("AuthService")));
        assertEquals("guard", registry.claimingKind(ResourceKind.AUTH_SERVICE).orElseThrow().name());
        assertTrue(registry.claimingKind(ResourceKind.MAPPING).isEmpty());
    }

    @Test
    void aKindTheGatewayReadsItselfCannotBeClaimed() {
        PluginRegistry registry = PluginRegistry.of(new Claiming("guard", Set.of("Mapping")));
        assertEquals(List.of(), registry.plugins());
        assertTrue(registry.failures().get(0).message().startsWith(
                "it claims the kind 'Mapping', which is not a kind plugins may read (expected one of Listener, AuthService"),
                registry.failures().toString());
    }

    @Test
    void aKindAnotherPluginClaimedIsRefusedNamingThatPlugin() {
        PluginRegistry registry = PluginRegistry.of(new Claiming("first", Set.of("AuthService")),
                new Claiming("second", Set.of("AuthService")));
        assertEquals(List.of("first"), registry.plugins().stream().map(LoadedPlugin::name).toList());
        assertTrue(registry.failures().get(0).message().startsWith("the kind 'AuthService' is already claimed by 'first'"),
                registry.failures().toString());
    }
}

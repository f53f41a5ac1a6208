package io.legate.resource;

import io.legate.snapshot.GatewaySnapshot;
import io.legate.resource.model.Problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import io.legate.pluginhost.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A resource kind a plugin claims: its spec is the plugin's settings, checked when it is written. */
class ClaimedKindTest {

    /** Claims AuthService; makes a filter once a service is named. */
    private record Guard() implements PluginFactory<Guard.Settings> {
        record Settings(String authService, Integer timeoutMs) {
        }

        public String name() {
            return "guard";
        }

        public int order() {
            return 1;
        }

        public Class<Settings> settingsType() {
            return Settings.class;
        }

        public Set<String> resourceKinds() {
            return Set.of("AuthService");
        }

        public List<String> validate(Settings settings) {
            return settings.timeoutMs() != null && settings.timeoutMs() < 0
                    ? List.of("timeout_ms: " + settings.timeoutMs() + " (expected: >= 0)") : List.of();
        }

        public Optional<GatewayFilter> filter(Settings settings) {
            return settings.authService() == null ? Optional.empty() : Optional.of((exchange, chain) -> chain.proceed());
        }
    }

    private static final PluginRegistry GUARDED = PluginRegistry.of(new Guard());

    private static LoadResult load(PluginRegistry plugins, String... authServices) {
        StringBuilder yaml = new StringBuilder();
        for (String each : authServices) {
            yaml.append("---\napiVersion: getambassador.io/v3alpha1\nkind: AuthService\n").append(each).append('\n');
        }
        return new ResourceLoader(plugins).parse("auth.yaml", yaml.toString());
    }

    @Test
    void theSpecOfAClaimedKindIsBoundToThePluginsSettings() {
        LoadResult loaded = load(GUARDED, "metadata: {name: a}\nspec: {auth_service: 'auth:3000', timeout_ms: 50}");
        assertEquals(List.of(), loaded.problems());
        assertEquals(new PluginResourceSpec("guard", new Guard.Settings("auth:3000", 50)),
                loaded.resources().get(0).typed());
    }

    @Test
    void aFieldTheSettingsLackIsAWarningNamingThePlugin() {
        LoadResult loaded = load(GUARDED, "metadata: {name: a}\nspec: {auth_service: 'auth:3000', stats_name: auth}");
        assertEquals(List.of(), loaded.errors());
        assertEquals("auth.yaml: AuthService/a: spec.stats_name: not read by plugin 'guard' (kept, but has no effect)",
                loaded.warnings().get(0).toString());
    }

    @Test
    void aValueThePluginRefusesIsAnErrorNamingTheField() {
        LoadResult loaded = load(GUARDED, "metadata: {name: a}\nspec: {auth_service: 'auth:3000', timeout_ms: -5}");
        assertEquals("auth.yaml: AuthService/a: spec: timeout_ms: -5 (expected: >= 0)",
                loaded.errors().get(0).toString());
    }

    @Test
    void aResourceNoLoadedPluginReadsIsRefusedWhenWritten() {
        LoadResult loaded = load(PluginRegistry.of(), "metadata: {name: a}\nspec: {auth_service: 'auth:3000'}");
        assertEquals("auth.yaml: AuthService/a: kind: no loaded plugin reads AuthService",
                loaded.errors().get(0).toString());
    }

    @Test
    void writtenBeforeItsPluginWentAwayItLoadsButEveryRouteRefusesItsRequests() {
        PluginRegistry none = PluginRegistry.of();
        LoadResult loaded = ResourceLoader.tolerant(none).parse("auth.yaml", """
                apiVersion: getambassador.io/v3alpha1
                kind: AuthService
                metadata: {name: a}
                spec: {auth_service: 'auth:3000'}
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata: {name: m}
                spec: {prefix: /, service: up:80}
                """);
        assertEquals(List.of(), loaded.errors());
        assertEquals("no loaded plugin reads AuthService/a",
                GatewaySnapshot.of(loaded.resources(), none).routes().routes().get(0).unavailable());
    }

    @Test
    void aSecondResourceOfTheKindIsAWarningNamingTheOneInEffect() {
        LoadResult loaded = load(GUARDED, "metadata: {name: b}\nspec: {auth_service: 'b:1'}",
                "metadata: {name: a}\nspec: {auth_service: 'a:1'}");
        List<Problem> problems = ResourceSet.check(loaded.resources());
        assertEquals(1, problems.size());
        assertEquals("auth.yaml: AuthService/b: kind: only one AuthService takes effect, and AuthService/a is it:"
                + " this one has no effect (delete one of the two)", problems.get(0).toString());
        assertFalse(problems.get(0).isError());
    }

    @Test
    void writingASecondResourceOfTheKindIntroducesItsWarning() {
        List<Resource> first = load(GUARDED, "metadata: {name: a}\nspec: {auth_service: 'a:1'}").resources();
        List<Resource> both = new ArrayList<>(first);
        both.addAll(load(GUARDED, "metadata: {name: b}\nspec: {auth_service: 'b:1'}").resources());
        assertEquals(List.of("AuthService/b"), ResourceSet.introducedBy(first, both).stream()
                .map(Problem::resource).toList());
    }

    @Test
    void theResourceInEffectMakesThePluginsFilter() {
        LoadResult loaded = load(GUARDED, "metadata: {name: a}\nspec: {auth_service: 'auth:3000'}");
        assertEquals(List.of("guard"), GatewaySnapshot.of(loaded.resources(), GUARDED).filters().links().stream()
                .map(link -> link.plugin()).toList());
        assertTrue(GatewaySnapshot.of(List.of(), GUARDED).filters().isEmpty());
    }
}

package io.legate.resource;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import io.legate.pluginhost.PluginRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Plugin settings written in the Module and in Mappings are bound and checked when the resource is. */
class PluginSettingsValidationTest {

    /** A plugin claiming {@code strict_mode} in the Module and {@code audit_level} in Mappings. */
    private record Audit() implements PluginFactory<Audit.Settings> {
        record Settings(Boolean strictMode, Integer auditLevel) {
        }

        public String name() {
            return "audit";
        }

        public int order() {
            return 1;
        }

        public Class<Settings> settingsType() {
            return Settings.class;
        }

        public Set<String> moduleKeys() {
            return Set.of("strict_mode");
        }

        public Set<String> mappingKeys() {
            return Set.of("audit_level");
        }

        public List<String> validate(Settings settings) {
            return settings.auditLevel() != null && settings.auditLevel() > 3
                    ? List.of("audit_level: " + settings.auditLevel() + " (expected: <= 3)") : List.of();
        }

        public Optional<GatewayFilter> filter(Settings settings) {
            return Optional.empty();
        }
    }

    private final ResourceLoader loader = new ResourceLoader(PluginRegistry.of(new Audit()));

    private LoadResult module(String config) {
        return loader.parse("m.yaml", """
                apiVersion: getambassador.io/v3alpha1
                kind: Module
                metadata: {name: ambassador}
                spec:
                  config:
                """ + config.indent(4));
    }

    private LoadResult mapping(String fields) {
        return loader.parse("m.yaml", """
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata: {name: m}
                spec:
                  prefix: /
                  service: backend
                """ + fields.indent(2));
    }

    private static List<String> problems(LoadResult result) {
        return result.problems().stream().map(p -> p.field() + ": " + p.message()).toList();
    }

    private static Record settings(LoadResult result) {
        TypedSpec typed = result.resources().get(0).typed();
        return typed instanceof ModuleSpec module ? module.plugins().get("audit") : ((MappingSpec) typed).plugins().get("audit");
    }

    @Test
    void aModuleConfiguresAPluginUnderItsNameAndThroughTheKeysItClaims() {
        LoadResult result = module("strict_mode: true\naudit: {audit_level: 2}");

        assertEquals(List.of(), problems(result));
        assertEquals(new Audit.Settings(true, 2), settings(result));
    }

    @Test
    void aMappingConfiguresAPluginUnderPluginsAndThroughTheFieldsItClaims() {
        assertEquals(new Audit.Settings(null, 1), settings(mapping("audit_level: 1")));
        assertEquals(new Audit.Settings(true, null), settings(mapping("plugins: {audit: {strict_mode: true}}")));
    }

    @Test
    void theSameSettingWrittenTwiceIsAnError() {
        assertEquals(List.of("spec.audit_level: also set under the plugin's own name 'audit': set it once"),
                problems(mapping("audit_level: 1\nplugins: {audit: {audit_level: 2}}")));
    }

    @Test
    void aMappingNamingAPluginThatIsNotLoadedIsRefused() {
        assertEquals(List.of("spec.plugins.acme_audit: no plugin named 'acme_audit' is loaded (loaded: audit)"),
                problems(mapping("plugins: {acme_audit: {}}")));
    }

    @Test
    void whatWasWrittenBeforeAPluginWasRemovedKeepsItsOtherSettings() {
        LoadResult result = ResourceLoader.tolerant(PluginRegistry.of(new Audit())).parse("m.yaml", """
                apiVersion: getambassador.io/v3alpha1
                kind: Module
                metadata: {name: ambassador}
                spec: {config: {strict_mode: true, gone: {level: 1}}}
                """);

        assertEquals(List.of("spec.config.gone: no plugin named 'gone' is loaded (loaded: audit); the requests of this"
                + " resource are refused (503) until it is"), problems(result));
        assertEquals(new Audit.Settings(true, null), settings(result));
    }

    @Test
    void thePluginsValidationIsReportedAtWhereTheSettingsWereWritten() {
        assertEquals(List.of("spec.config.audit: audit_level: 5 (expected: <= 3)"),
                problems(module("audit: {audit_level: 5}")));
        assertEquals(List.of("spec: audit_level: 5 (expected: <= 3)"), problems(mapping("audit_level: 5")));
    }

    @Test
    void aSettingOfTheWrongTypeIsRefusedNamingIt() {
        assertEquals(List.of("spec.config: strict_mode: expected true or false"), problems(module("strict_mode: sure")));
    }

    @Test
    void theSettingsOfAModuleNotNamedAmbassadorAreNotReadAndWarnedToHaveNoEffect() {
        LoadResult result = loader.parse("m.yaml", """
                apiVersion: getambassador.io/v3alpha1
                kind: Module
                metadata: {name: tls}
                spec: {config: {strict_mode: sure, server: {enabled: true}}}
                """);

        assertEquals(List.of("metadata.name: only the Module named 'ambassador' is read; this one has no effect in"
                + " Legate (kept as written)"), problems(result));
    }
}

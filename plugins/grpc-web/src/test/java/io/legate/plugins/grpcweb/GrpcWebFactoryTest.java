package io.legate.plugins.grpcweb;

import io.legate.plugin.PluginFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

import static io.legate.plugins.grpcweb.GrpcWebSettingsTest.bind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrpcWebFactoryTest {

    private final GrpcWebFactory factory = new GrpcWebFactory();

    @Test
    void theServiceLoaderFindsTheFactory() {
        assertTrue(ServiceLoader.load(PluginFactory.class).stream()
                .anyMatch(provider -> provider.type() == GrpcWebFactory.class));
    }

    @Test
    void itIsNamedGrpcWebAndRunsAtOrder200() {
        assertEquals("grpc_web", factory.name());
        assertEquals(200, factory.order());
        assertEquals(GrpcWebSettings.class, factory.settingsType());
    }

    @Test
    void itClaimsEmissarysModuleAndMappingKeys() {
        assertEquals(Set.of("enable_grpc_web", "cors"), factory.moduleKeys());
        assertEquals(Set.of("cors"), factory.mappingKeys());
    }

    @Test
    void validSettingsHaveNoProblem() throws Exception {
        assertEquals(List.of(), factory.validate(bind("{enable_grpc_web: true, cors: {origins: '*', max_age: 0}}")));
        assertEquals(List.of(), factory.validate(bind("{}")));
    }

    @Test
    void aNegativeMaxAgeIsNamed() throws Exception {
        assertEquals(List.of("cors.max_age: -5 (expected: >= 0)"), factory.validate(bind("cors: {max_age: -5}")));
    }

    @Test
    void aMaxAgeThatIsNotANumberIsNamed() throws Exception {
        assertEquals(List.of("cors.max_age: \"a day\" (expected: a whole number of seconds)"),
                factory.validate(bind("cors: {max_age: a day}")));
    }

    @Test
    void anOriginThatIsNotSchemeHostPortIsAcceptedAsEmissaryAcceptsIt() throws Exception {
        assertEquals(List.of(), factory.validate(bind("cors: {origins: 'http://ok.example:8080,example.com'}")));
    }

    @Test
    void aListOfSomethingElseThanStringsIsNamed() throws Exception {
        assertEquals(List.of("cors.methods: {post=true} (expected: a list of strings or a comma-separated string)"),
                factory.validate(bind("cors: {methods: {post: true}}")));
    }

    @Test
    void theFilterIsMadeEvenWithNothingEnabledSinceAMappingsCorsNeedsIt() throws Exception {
        assertTrue(factory.filter(bind("{}")).isPresent());
    }
}

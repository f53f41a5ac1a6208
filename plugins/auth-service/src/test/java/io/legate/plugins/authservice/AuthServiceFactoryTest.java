package io.legate.plugins.authservice;

import static io.legate.plugins.testing.ProblemAssertions.assertOneProblemSaying;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.plugin.PluginFactory;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The factory's name, order, claims and validation, as the gateway's registry sees them. */
class AuthServiceFactoryTest {

    private final AuthServiceFactory factory = new AuthServiceFactory();

    private static AuthServiceSettings service(String authService) {
        return new AuthServiceSettings(authService, null, null, null, null, null, null, null, null, false, null);
    }

    @Test
    void theServiceLoaderFindsTheFactory() {
        assertTrue(ServiceLoader.load(PluginFactory.class).stream()
                .anyMatch(provider -> provider.type() == AuthServiceFactory.class));
    }

    @Test
    void itIsNamedAuthServiceAndRunsAfterGrpcWeb() {
        assertEquals("auth_service", factory.name());
        assertEquals(300, factory.order());
    }

    @Test
    void itClaimsTheAuthServiceKindAndTheMappingFieldsAboutIt() {
        assertEquals(Set.of("AuthService"), factory.resourceKinds());
        assertEquals(Set.of("bypass_auth", "auth_context_extensions"), factory.mappingKeys());
    }

    @Test
    void aServiceWithEmissarysDefaultsIsValid() {
        assertEquals(List.of(), factory.validate(service("example-auth:3000")));
        assertEquals(List.of(), factory.validate(service("https://auth.example")));
    }

    @Test
    void settingsOfAServiceWithoutAnAddressAreRefused() {
        assertOneProblemSaying(factory.validate(new AuthServiceSettings(null, "grpc", null, null, null, null, null,
                null, null, false, null)), "auth_service: required");
    }

    @Test
    void aMappingsBypassAuthAloneNeedsNoAddress() {
        assertEquals(List.of(), factory.validate(new AuthServiceSettings(null, null, null, null, null, null, null,
                null, null, true, null)));
    }

    @Test
    void anAddressWithAPathIsRefusedPointingToPathPrefix() {
        assertOneProblemSaying(factory.validate(service("auth:3000/check")), "auth_service", "path_prefix");
    }

    @Test
    void anAddressWithAnotherSchemeIsRefused() {
        assertOneProblemSaying(factory.validate(service("ftp://auth:3000")), "auth_service", "ftp", "http or https");
    }

    @Test
    void eachBadValueIsNamedWithWhatIsExpected() {
        List<String> problems = factory.validate(new AuthServiceSettings("auth:3000", "tcp", null, 0, List.of("x y"),
                null, null, new AuthServiceSettings.StatusOnError(99), "v2", false, null));
        assertEquals(List.of(
                "proto: \"tcp\" (expected: http or grpc)",
                "timeout_ms: 0 (expected: > 0)",
                "status_on_error.code: 99 (expected: 200..599)",
                "protocol_version: \"v2\" is not supported (expected: v3)",
                "allowed_request_headers[0]: \"x y\" is not a header name"), problems);
    }

    @Test
    void withoutAServiceThereIsNoFilter() {
        assertTrue(factory.filter(service(null)).isEmpty());
    }
}

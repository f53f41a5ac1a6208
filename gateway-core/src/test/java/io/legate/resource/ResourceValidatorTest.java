package io.legate.resource;

import io.legate.resource.model.Problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResourceValidator validator = new ResourceValidator();

    @ParameterizedTest
    @ValueSource(strings = {"Bad_Name", "a/b", "-leading", "trailing.", "UPPER", ""})
    void invalidNameIsAnError(String name) {
        ResourceValidator.Validated validated = validator.validate(module(name), "api");

        assertNull(validated.resource());
        assertEquals("metadata.name", validated.problems().get(0).field());
    }

    @Test
    void nameLongerThan253CharactersIsAnError() {
        ResourceValidator.Validated validated = validator.validate(module("a".repeat(300)), "api");

        assertEquals("too long: 300 characters (at most 253)", validated.problems().get(0).message());
    }

    @Test
    void dottedNameOf253CharactersIsValid() {
        String name = "a." + "b".repeat(251);

        assertTrue(validator.validate(module(name), "api").isValid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"strip_matching_host_port", "keepalive", "strip_any_host_port"})
    void aModuleSettingOfEmissaryOrLegateNoPluginActsOnIsAWarning(String key) throws Exception {
        JsonNode module = JSON.readTree("""
                {"apiVersion": "getambassador.io/v3alpha1", "kind": "Module", "metadata": {"name": "ambassador"},
                 "spec": {"config": {"%s": true}}}""".formatted(key));

        ResourceValidator.Validated validated = validator.validate(module, "api");

        assertTrue(validated.isValid());
        assertEquals(List.of(
                "api: Module/ambassador: spec.config." + key + ": has no effect in Legate (kept as written)"),
                validated.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void aModuleThatConfiguresAPluginThatIsNotLoadedIsRefused() throws Exception {
        JsonNode module = JSON.readTree("""
                {"apiVersion": "getambassador.io/v3alpha1", "kind": "Module", "metadata": {"name": "ambassador"},
                 "spec": {"config": {"acme_audit": {"level": 2}}}}""");

        ResourceValidator.Validated validated = validator.validate(module, "api");

        assertFalse(validated.isValid());
        assertEquals(List.of("api: Module/ambassador: spec.config.acme_audit: no plugin named 'acme_audit' is loaded"
                        + " (loaded: none)"),
                validated.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void unknownKindIsAnError() throws Exception {
        JsonNode document = JSON.readTree("""
                {"apiVersion": "getambassador.io/v3alpha1", "kind": "Gateway", "metadata": {"name": "g"}, "spec": {}}""");

        Problem problem = validator.validate(document, "api").problems().get(0);
        assertEquals("api: Gateway/g: kind: unknown kind \"Gateway\" (expected one of Mapping, Host, TLSContext, "
                + "Module, Secret, Endpoints, Listener, AuthService, RateLimitService, TracingService, LogService, TCPMapping, "
                + "DevPortal, KubernetesEndpointResolver, KubernetesServiceResolver, ConsulResolver)", problem.toString());
    }

    @Test
    void anEmissaryKindLegateDoesNotActOnIsStoredWithOneWarning() throws Exception {
        JsonNode document = JSON.readTree("""
                {"apiVersion": "getambassador.io/v3alpha1", "kind": "Listener", "metadata": {"name": "l"},
                 "spec": {"port": 8080, "protocol": "HTTPS", "securityModel": "XFP", "hostBinding": {}}}""");

        ResourceValidator.Validated validated = validator.validate(document, "api");

        assertTrue(validated.isValid());
        assertEquals(List.of("api: Listener/l: kind: Listener has no effect in Legate (kept as written)"),
                validated.problems().stream().map(Problem::toString).toList());
        assertEquals(document, validated.resource().raw());
    }

    @Test
    void aFieldEmissaryDoesNotHaveInAKindLegateDoesNotActOnIsUnknown() throws Exception {
        JsonNode document = JSON.readTree("""
                {"apiVersion": "getambassador.io/v3alpha1", "kind": "ConsulResolver", "metadata": {"name": "c"},
                 "spec": {"address": "consul:8500", "datacentre": "dc1"}}""");

        List<Problem> problems = validator.validate(document, "api").problems();

        assertEquals("api: ConsulResolver/c: spec.datacentre: unknown field (kept, but has no effect)",
                problems.get(1).toString());
    }

    @Test
    void aListenerOfGetambassadorV2IsRefusedAsEmissaryRefusesIt() throws Exception {
        JsonNode document = JSON.readTree("""
                {"apiVersion": "getambassador.io/v2", "kind": "Listener", "metadata": {"name": "l"}, "spec": {}}""");

        assertFalse(validator.validate(document, "api").isValid());
    }

    @Test
    void apiVersionMustSuitTheKind() throws Exception {
        JsonNode secret = JSON.readTree("""
                {"apiVersion": "getambassador.io/v3alpha1", "kind": "Secret", "metadata": {"name": "s"}}""");

        Problem problem = validator.validate(secret, "api").problems().get(0);
        assertEquals("apiVersion", problem.field());
        assertEquals("\"getambassador.io/v3alpha1\" is not supported for Secret (expected v1)", problem.message());
    }

    @Test
    void olderAmbassadorApiVersionIsAccepted() throws Exception {
        JsonNode document = JSON.readTree("""
                {"apiVersion": "getambassador.io/v2", "kind": "Module", "metadata": {"name": "ambassador"}}""");

        assertTrue(validator.validate(document, "api").isValid());
    }

    @Test
    void namespaceIsKept() throws Exception {
        JsonNode document = JSON.readTree("""
                {"apiVersion": "getambassador.io/v3alpha1", "kind": "TLSContext", "metadata": {"name": "tls", "namespace": "ambassador"}}""");

        assertEquals("ambassador", validator.validate(document, "api").resource().namespace());
    }

    @Test
    void documentThatIsNotAMappingIsAnErrorNamedByPosition() throws Exception {
        ResourceValidator.Validated validated = validator.validate(JSON.readTree("[1, 2]"), "a.yaml", 2);

        assertEquals("a.yaml: document 2: expected a mapping with apiVersion, kind, metadata and spec, got a list",
                validated.problems().get(0).toString());
    }

    @Test
    void everyMissingEnvelopeFieldIsReported() throws Exception {
        ResourceValidator.Validated validated = validator.validate(JSON.readTree("{\"spec\": {}}"), "a.yaml", 1);

        assertEquals(List.of("kind", "apiVersion", "metadata.name"),
                validated.problems().stream().map(Problem::field).toList());
    }

    private static JsonNode module(String name) {
        return JSON.createObjectNode()
                .put("apiVersion", "getambassador.io/v3alpha1")
                .put("kind", "Module")
                .set("metadata", JSON.createObjectNode().put("name", name));
    }
}

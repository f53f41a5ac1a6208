package io.legate.resource;

import io.legate.resource.model.Problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.routing.HeaderValue;
import io.legate.routing.Upstream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MappingValidationTest {

    private static final String GUIDE_MAPPING = """
            apiVersion: getambassador.io/v3alpha1
            kind: Mapping
            metadata:
              name: grpc-py
            spec:
              hostname: "*"
              grpc: True
              prefix: /helloworld.Greeter/
              rewrite: /helloworld.Greeter/
              service: 127.0.0.1:50051
            """;

    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void guidesGrpcMappingParsesWithGrpcTrue() {
        LoadResult result = loader.parse("grpc.yaml", GUIDE_MAPPING);

        assertEquals(List.of(), result.problems());
        Resource resource = result.resources().get(0);
        assertEquals("Mapping/grpc-py", resource.label());
        MappingSpec spec = (MappingSpec) resource.typed();
        assertTrue(spec.grpc());
        assertEquals("/helloworld.Greeter/", spec.prefix());
        assertEquals("/helloworld.Greeter/", spec.rewrite());
        assertEquals("*", spec.hostname());
        assertEquals(new Upstream("http", "127.0.0.1", 50051), spec.service());
    }

    @Test
    void mappingWithoutPrefixIsAnError() {
        LoadResult result = mapping("service: backend");

        assertEquals(List.of(), result.resources());
        assertEquals("m.yaml: Mapping/m: spec.prefix: required", only(result).toString());
    }

    @Test
    void serviceWithNonNumericPortIsAnErrorNamingTheField() {
        LoadResult result = mapping("prefix: /\nservice: backend:abc");

        assertEquals("m.yaml: Mapping/m: spec.service: port \"abc\" is not a number (expected 1-65535)",
                only(result).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"backend:0", "backend:70000", "backend:", "backend:-1", "ftp://backend", "::1:80", "[::1"})
    void malformedServiceIsAnErrorOnTheServiceField(String service) {
        Problem problem = only(mapping("prefix: /\nservice: \"" + service + "\""));

        assertEquals(Problem.Severity.ERROR, problem.severity());
        assertEquals("spec.service", problem.field());
    }

    @ParameterizedTest
    @CsvSource({
        "backend, http, backend, 80",
        "https://backend, https, backend, 443",
        "HTTP://backend:8080, http, backend, 8080",
        "'[::1]:50051', http, ::1, 50051",
        "https://[2001:db8::1], https, 2001:db8::1, 443",
        "grpc.default.svc:9000, http, grpc.default.svc, 9000"})
    void serviceTakesSchemeHostAndDefaultPort(String service, String scheme, String host, int port) {
        LoadResult result = mapping("prefix: /\nservice: \"" + service + "\"");

        assertEquals(new Upstream(scheme, host, port), spec(result).service());
    }

    @Test
    void unknownFieldIsAWarningAndStaysInTheDocument() {
        LoadResult result = mapping("prefix: /\nservice: backend\nfrobnicate: 3");

        Problem problem = only(result);
        assertEquals(Problem.Severity.WARNING, problem.severity());
        assertEquals("spec.frobnicate", problem.field());
        assertEquals(3, result.resources().get(0).raw().path("spec").path("frobnicate").intValue());
    }

    @Test
    void anEmissaryFieldNoPluginActsOnIsAWarning() {
        LoadResult result = mapping("prefix: /\nservice: backend\nheaders:\n  x-canary: \"true\"");

        Problem problem = only(result);
        assertEquals(Problem.Severity.WARNING, problem.severity());
        assertEquals("spec.headers", problem.field());
        assertEquals("has no effect in Legate (kept as written)", problem.message());
    }

    @ParameterizedTest
    @CsvSource({"enable_ipv4: false", "priority: high", "use_websocket: true", "v2BoolHeaders: [x-a]"})
    void everyFieldOfEmissarysMappingIsAcceptedWithAWarning(String line) {
        LoadResult result = mapping("prefix: /\nservice: backend\n" + line);

        assertEquals(1, result.resources().size(), result.problems()::toString);
        assertEquals("has no effect in Legate (kept as written)", only(result).message());
    }

    @Test
    void tlsTrueOfV2OriginatesTlsToTheServiceOnPort443() {
        MappingSpec spec = (MappingSpec) mapping("prefix: /\nservice: backend\ntls: true").resources().get(0).typed();

        assertEquals(new Upstream("https", "backend", 443), spec.service());
        assertEquals(null, spec.tls());
    }

    @Test
    void tlsFalseOfV2KeepsTheServiceCleartext() {
        MappingSpec spec = (MappingSpec) mapping("prefix: /\nservice: backend:8080\ntls: false").resources().get(0).typed();

        assertEquals(new Upstream("http", "backend", 8080), spec.service());
    }

    @Test
    void tlsTrueWithAnHttpServiceIsAnError() {
        Problem problem = only(mapping("prefix: /\nservice: http://backend\ntls: true"));

        assertEquals("spec.tls", problem.field());
        assertTrue(problem.message().contains("drop its http://"), problem.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "prefix: [a]            | spec.prefix     | expected a string, got a list",
        "prefix: 5              | spec.prefix     | expected a string, got 5",
        "timeout_ms: soon       | spec.timeout_ms | expected an integer, got \"soon\"",
        "timeout_ms: -5         | spec.timeout_ms | -5 (expected: >= 0)",
        "grpc: maybe            | spec.grpc       | expected true or false, got \"maybe\"",
        "method: [GET]          | spec.method     | expected a string, got a list",
        "precedence: high       | spec.precedence | expected an integer, got \"high\""})
    void wrongTypeIsAnErrorNamingTheField(String line, String field, String message) {
        String spec = line.startsWith("prefix") ? line + "\nservice: backend" : "prefix: /\nservice: backend\n" + line;
        Problem problem = only(mapping(spec));

        assertEquals(Problem.Severity.ERROR, problem.severity());
        assertEquals(field, problem.field());
        assertEquals(message, problem.message());
    }

    @Test
    void invalidPrefixRegexIsAnError() {
        Problem problem = only(mapping("prefix: /users/(\nprefix_regex: true\nservice: backend"));

        assertEquals("spec.prefix", problem.field());
        assertTrue(problem.message().startsWith("not a valid regular expression"));
    }

    @Test
    void hostAlongsideHostnameIsAWarning() {
        LoadResult result = mapping("prefix: /\nservice: backend\nhostname: \"*\"\nhost: api.example.com");

        Problem problem = only(result);
        assertEquals(Problem.Severity.WARNING, problem.severity());
        assertEquals("spec.host", problem.field());
        assertFalse(result.hasErrors());
    }

    @Test
    void headerChangesTakeStringsOrValueAndAppend() {
        MappingSpec spec = spec(mapping("""
                prefix: /
                service: backend
                add_request_headers:
                  x-plain: one
                  x-replace: {value: two, append: false}
                remove_response_headers: server
                """));

        assertEquals(List.of(new HeaderValue("x-plain", "one", true), new HeaderValue("x-replace", "two", false)),
                spec.addRequestHeaders());
        assertEquals(List.of("server"), spec.removeResponseHeaders());
    }

    private LoadResult mapping(String spec) {
        return loader.parse("m.yaml", """
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: m
                spec:
                """ + spec.indent(2));
    }

    private static MappingSpec spec(LoadResult result) {
        assertEquals(1, result.resources().size(), () -> result.problems().toString());
        return (MappingSpec) result.resources().get(0).typed();
    }

    private static Problem only(LoadResult result) {
        assertEquals(1, result.problems().size(), () -> result.problems().toString());
        return result.problems().get(0);
    }
}

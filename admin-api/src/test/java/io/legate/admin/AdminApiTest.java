package io.legate.admin;

import static io.legate.admin.AdminGateway.JSON;
import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.legate.testing.Mappings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** CONTRACT §3 endpoint by endpoint and status by status, against the real admin connector and data directory. */
class AdminApiTest extends AdminGatewayTest {

    private static final ObjectMapper JSON_READER = new ObjectMapper();


    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON_READER.readTree(response.body());
    }

    private static String mapping(String name) {
        return Mappings.grpc(name, "/" + name + ".Service/", "127.0.0.1:50051");
    }

    private HttpResponse<String> putMapping(String name, String... headers) throws Exception {
        return admin.put("/api/v1/mappings/" + name, YAML, mapping(name), headers);
    }

    @Test
    void putOfANewMappingAnswers201WithTheStoredResourceAndItsVersionAsETag() throws Exception {
        HttpResponse<String> response = putMapping("grpc-py");

        assertEquals(201, response.statusCode(), response::body);
        String version = json(response).path("metadata").path("resourceVersion").asText();
        assertFalse(version.isEmpty());
        assertEquals("\"" + version + "\"", response.headers().firstValue("ETag").orElseThrow());
        assertEquals("/grpc-py.Service/", json(response).path("spec").path("prefix").asText());
    }

    @Test
    void aStoredResourceIsOneYamlFileUnderItsKind() throws Exception {
        putMapping("grpc-py");

        String file = Files.readString(home.resolve("data/mappings/grpc-py.yaml"));
        assertTrue(file.contains("kind: \"Mapping\""), file);
        assertTrue(file.contains("resourceVersion:"), file);
    }

    @Test
    void putOfTheSameContentAgainKeepsTheVersionAndAnswers200() throws Exception {
        String first = putMapping("grpc-py").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = putMapping("grpc-py");

        assertEquals(200, again.statusCode());
        assertEquals(first, again.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void getAnswersTheResourceAsJsonByDefaultAndAsYamlWhenAsked() throws Exception {
        putMapping("grpc-py");

        HttpResponse<String> asJson = admin.get("/api/v1/mappings/grpc-py");
        HttpResponse<String> asYaml = admin.get("/api/v1/mappings/grpc-py", "Accept", YAML);

        assertEquals(200, asJson.statusCode());
        assertEquals("grpc-py", json(asJson).path("metadata").path("name").asText());
        assertTrue(asJson.headers().firstValue("Content-Type").orElseThrow().startsWith(JSON));
        assertTrue(asYaml.headers().firstValue("Content-Type").orElseThrow().startsWith(YAML));
        assertTrue(asYaml.body().contains("name: \"grpc-py\""), asYaml.body());
    }

    @Test
    void aJsonBodyIsAcceptedAsWellAsYaml() throws Exception {
        String body = "{\"apiVersion\":\"getambassador.io/v3alpha1\",\"kind\":\"Mapping\",\"metadata\":{\"name\":\"j\"},"
                + "\"spec\":{\"prefix\":\"/j/\",\"service\":\"127.0.0.1:1\"}}";

        assertEquals(201, admin.post("/api/v1/mappings", JSON, body).statusCode());
        assertEquals(200, admin.get("/api/v1/mappings/j").statusCode());
    }

    @Test
    void listAnswersEveryStoredResourceOfTheKindByName() throws Exception {
        putMapping("b");
        putMapping("a");

        JsonNode list = json(admin.get("/api/v1/mappings"));

        assertEquals("List", list.path("kind").asText());
        assertEquals("a", list.path("items").get(0).path("metadata").path("name").asText());
        assertEquals("b", list.path("items").get(1).path("metadata").path("name").asText());
        assertEquals(0, json(admin.get("/api/v1/hosts")).path("items").size());
    }

    @Test
    void postCreatesWithALocationAndAnswers409WhenTheNameIsTaken() throws Exception {
        HttpResponse<String> created = admin.post("/api/v1/mappings", YAML, mapping("grpc-py"));
        HttpResponse<String> again = admin.post("/api/v1/mappings", YAML, mapping("grpc-py"));

        assertEquals(201, created.statusCode());
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/api/v1/mappings/grpc-py"));
        assertEquals(409, again.statusCode());
        assertProblem(again, 409, "Mapping/grpc-py");
    }

    @Test
    void putWithAStaleIfMatchAnswers412AndKeepsTheStoredResource() throws Exception {
        String first = putMapping("grpc-py").headers().firstValue("ETag").orElseThrow();
        String second = admin.put("/api/v1/mappings/grpc-py", YAML, mapping("grpc-py") + "  precedence: 1\n",
                "If-Match", first).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> stale = admin.put("/api/v1/mappings/grpc-py", YAML,
                mapping("grpc-py") + "  precedence: 2\n", "If-Match", first);

        assertProblem(stale, 412, "Mapping/grpc-py");
        assertEquals(second, admin.get("/api/v1/mappings/grpc-py").headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void deleteWithAStaleIfMatchAnswers412AndDeletesNothing() throws Exception {
        putMapping("grpc-py");

        assertProblem(admin.delete("/api/v1/mappings/grpc-py", "If-Match", "\"0000\""), 412, "Mapping/grpc-py");
        assertEquals(200, admin.get("/api/v1/mappings/grpc-py").statusCode());
    }

    @Test
    void deleteRemovesTheFileAndTheRoute() throws Exception {
        String etag = putMapping("grpc-py").headers().firstValue("ETag").orElseThrow();

        assertEquals(204, admin.delete("/api/v1/mappings/grpc-py", "If-Match", etag).statusCode());

        assertFalse(Files.exists(home.resolve("data/mappings/grpc-py.yaml")));
        assertEquals(0, admin.gateway().routes().routes().size());
        assertProblem(admin.delete("/api/v1/mappings/grpc-py"), 404, "Mapping/grpc-py");
    }

    @Test
    void anUnknownNameOrKindAnswers404ProblemJson() throws Exception {
        assertProblem(admin.get("/api/v1/mappings/absent"), 404, "Mapping/absent");
        HttpResponse<String> kind = admin.get("/api/v1/gizmos");
        assertEquals(404, kind.statusCode());
        assertTrue(json(kind).path("detail").asText().contains("mappings, hosts, tlscontexts, modules, secrets"));
    }

    @Test
    void anInvalidMappingAnswers422NamingTheResourceAndFieldAndStoresNothing() throws Exception {
        String noService = mapping("bad").replace("  service: 127.0.0.1:50051\n", "");

        HttpResponse<String> response = admin.put("/api/v1/mappings/bad", YAML, noService);

        assertProblem(response, 422, "Mapping/bad");
        assertEquals("spec.service", json(response).path("problems").get(0).path("field").asText());
        assertFalse(Files.exists(home.resolve("data/mappings/bad.yaml")));
    }

    @Test
    void aBodyThatIsNotYamlAnswers400() throws Exception {
        HttpResponse<String> response = admin.put("/api/v1/mappings/x", YAML, "kind: Mapping\nmetadata: [unclosed\n");

        assertEquals(400, response.statusCode());
        assertTrue(json(response).path("detail").asText().contains("YAML error at line"), response::body);
    }

    @Test
    void aBodyOfAnotherKindOrNameThanTheUrlAnswers422() throws Exception {
        assertEquals("kind", json(admin.put("/api/v1/hosts/grpc-py", YAML, mapping("grpc-py")))
                .path("problems").get(0).path("field").asText());
        assertEquals("metadata.name", json(admin.put("/api/v1/mappings/other", YAML, mapping("grpc-py")))
                .path("problems").get(0).path("field").asText());
    }

    @Test
    void aMethodTheUrlDoesNotHaveAnswers405ProblemJson() throws Exception {
        HttpResponse<String> response = admin.delete("/api/v1/mappings");

        assertEquals(405, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    static void assertProblem(HttpResponse<String> response, int status, String resource) throws Exception {
        assertEquals(status, response.statusCode(), response::body);
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = json(response);
        assertEquals(status, problem.path("status").asInt());
        assertEquals(resource, problem.path("resource").asText());
        assertFalse(problem.path("detail").asText().isEmpty());
    }
}

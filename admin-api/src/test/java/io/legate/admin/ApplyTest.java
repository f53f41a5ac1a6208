package io.legate.admin;

import static io.legate.admin.AdminApiTest.json;
import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.legate.routing.RouteTable;
import io.legate.testing.Mappings;
import io.legate.testing.Resources;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/apply}: a multi-document file, validated whole, stored whole or not at all. */
class ApplyTest extends AdminGatewayTest {

    /** An Emissary file as users have them: a Mapping, a Host and the ambassador Module. */
    private static final String EMISSARY_FILE = Mappings.grpc("grpc-py", "/helloworld.Greeter/", "127.0.0.1:50051") + """
            ---
            apiVersion: getambassador.io/v3alpha1
            kind: Host
            metadata:
              name: example-host
            spec:
              hostname: "*"
              requestPolicy:
                insecure:
                  action: Route
            ---
            apiVersion: getambassador.io/v3alpha1
            kind: Module
            metadata:
              name: ambassador
            spec:
              config:
                strip_any_host_port: true
            """;


    @Test
    void anEmissaryFileIsStoredWholeAndRoutes() throws Exception {
        HttpResponse<String> response = admin.post("/api/v1/apply", YAML, EMISSARY_FILE);

        assertEquals(200, response.statusCode(), response::body);
        JsonNode results = json(response).path("results");
        assertEquals("Mapping/grpc-py", results.get(0).path("resource").asText());
        assertEquals("created", results.get(2).path("outcome").asText());
        assertEquals(200, admin.get("/api/v1/hosts/example-host").statusCode());
        assertEquals(200, admin.get("/api/v1/modules/ambassador").statusCode());
        assertEquals("grpc-py", admin.gateway().routes().routes().get(0).name());
    }

    @Test
    void applyingTheSameFileAgainChangesNothing() throws Exception {
        admin.post("/api/v1/apply", YAML, EMISSARY_FILE);

        JsonNode results = json(admin.post("/api/v1/apply", YAML, EMISSARY_FILE)).path("results");

        results.forEach(result -> assertEquals("unchanged", result.path("outcome").asText()));
    }

    @Test
    void oneInvalidDocumentLeavesTheStoreUntouched() throws Exception {
        admin.post("/api/v1/apply", YAML, EMISSARY_FILE);
        String changedAndBroken = EMISSARY_FILE.replace("/helloworld.Greeter/", "/changed.Greeter/")
                + Mappings.grpc("broken", "/b/", "127.0.0.1:abc");

        HttpResponse<String> response = admin.post("/api/v1/apply", YAML, changedAndBroken);

        AdminApiTest.assertProblem(response, 422, "Mapping/broken");
        List<String> errorFields = new ArrayList<>();
        json(response).path("problems").forEach(problem -> {
            if ("error".equals(problem.path("severity").asText())) {
                errorFields.add(problem.path("field").asText());
            }
        });
        assertEquals(List.of("spec.service"), errorFields);
        assertFalse(Files.exists(home.resolve("data/mappings/broken.yaml")));
        assertFalse(Files.readString(home.resolve("data/mappings/grpc-py.yaml")).contains("changed"));
        try (Stream<Path> files = Files.list(home.resolve("data/mappings"))) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void anApplyWhoseMiddleResourceCannotBeWrittenAnswers500NamingIt() throws Exception {
        admin.post("/api/v1/apply", YAML, EMISSARY_FILE);

        HttpResponse<String> response = applyWithTheMiddleFileBlocked();

        AdminApiTest.assertProblem(response, 500, "Host/blocked");
        String detail = json(response).path("detail").asText();
        assertTrue(detail.startsWith("Host/blocked could not be written") && detail.endsWith("nothing of the batch is stored"),
                detail);
    }

    @Test
    void anApplyWhoseMiddleResourceCannotBeWrittenLeavesTheStoreAndTheRoutesAsTheyWere() throws Exception {
        admin.post("/api/v1/apply", YAML, EMISSARY_FILE);
        RouteTable routes = admin.gateway().routes();

        applyWithTheMiddleFileBlocked();

        assertEquals("/helloworld.Greeter/", json(admin.get("/api/v1/mappings/grpc-py")).path("spec").path("prefix").asText());
        assertEquals(404, admin.get("/api/v1/mappings/added").statusCode());
        assertSame(routes, admin.gateway().routes());
    }

    /**
     * Applies a changed Mapping, a Host and a new Mapping, with a directory where the Host's file goes: renaming
     * the written file onto it fails, a real I/O failure after the first file of the batch is written.
     */
    private HttpResponse<String> applyWithTheMiddleFileBlocked() throws Exception {
        Files.createDirectories(home.resolve("data/hosts/blocked.yaml/in-the-way"));
        return admin.post("/api/v1/apply", YAML, Mappings.grpc("grpc-py", "/changed.Greeter/", "127.0.0.1:50051")
                + Resources.host("blocked", "blocked.example", null, null)
                + Mappings.grpc("added", "/added.Greeter/", "127.0.0.1:50051"));
    }

    @Test
    void aStoredResourceWinsOverOneOfTheSameNameInConfResources() throws Exception {
        admin.close();
        Files.writeString(home.resolve("resources/seed.yaml"), Mappings.grpc("grpc-py", "/seed.Greeter/", "127.0.0.1:1"));
        admin = AdminGateway.start(home);
        assertEquals("/seed.Greeter/", admin.gateway().routes().routes().get(0).path().text());

        admin.post("/api/v1/apply", YAML, EMISSARY_FILE);

        assertEquals(1, admin.gateway().routes().routes().size());
        assertEquals("/helloworld.Greeter/", admin.gateway().routes().routes().get(0).path().text());
    }
}

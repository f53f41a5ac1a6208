package io.legate.admin;

import static io.legate.admin.AdminApiTest.json;
import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.legate.testing.Mappings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin.token}, the health checks and the route table endpoints. */
class TokenAndHealthTest {

    @TempDir
    Path home;

    private static HttpResponse<String> anonymous(AdminGateway admin, HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withATokenEveryApiCallWithoutItAnswers401AndChangesNothing() throws Exception {
        try (AdminGateway admin = AdminGateway.start(home, "s3cret")) {
            HttpRequest.Builder put = HttpRequest.newBuilder(admin.uri("/api/v1/mappings/x"))
                    .header("Content-Type", YAML).PUT(HttpRequest.BodyPublishers.ofString(Mappings.grpc("x", "/x/", "a:1")));

            HttpResponse<String> missing = anonymous(admin, put);
            HttpResponse<String> wrong = anonymous(admin, put.copy().header("Authorization", "Bearer guess"));

            assertEquals(401, missing.statusCode());
            assertEquals(401, wrong.statusCode());
            assertTrue(missing.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
            assertFalse(Files.exists(home.resolve("data/mappings/x.yaml")));
            assertEquals(200, anonymous(admin, HttpRequest.newBuilder(admin.uri("/healthz"))).statusCode());
            assertEquals(201, admin.put("/api/v1/mappings/x", YAML, Mappings.grpc("x", "/x/", "a:1")).statusCode());
        }
    }

    @Test
    void readyzListsTheResourcesThatFailedToLoad() throws Exception {
        AdminGateway.writeResourcesThatFailToLoad(home);
        try (AdminGateway admin = AdminGateway.start(home)) {
            JsonNode ready = json(admin.get("/readyz"));

            assertEquals("ready", ready.path("status").asText());
            assertEquals("spec.service", ready.path("failedToLoad").get(0).path("field").asText());
            assertTrue(ready.path("failedToLoad").get(1).path("source").asText().endsWith("edited.yaml"));
        }
    }

    @Test
    void readyzNamesTheMappingsRefusedForAPluginThatIsNotLoaded() throws Exception {
        Files.createDirectories(home.resolve("resources"));
        Files.writeString(home.resolve("resources/guarded.yaml"), Mappings.grpc("guarded", "/g/", "127.0.0.1:1",
                "plugins: {acme_auth: {realm: staff}}") + Mappings.grpc("open", "/o/", "127.0.0.1:1"));
        try (AdminGateway admin = AdminGateway.start(home)) {
            JsonNode ready = json(admin.get("/readyz"));

            assertEquals("ready", ready.path("status").asText());
            assertEquals(1, ready.path("unavailable").size(), ready.toString());
            assertEquals("guarded", ready.path("unavailable").get(0).path("mapping").asText());
            assertEquals("plugin 'acme_auth' is not loaded (Mapping/guarded configures it)",
                    ready.path("unavailable").get(0).path("message").asText());
        }
    }

    @Test
    void routesListsTheTableInMatchOrderAndMatchSaysWhy() throws Exception {
        try (AdminGateway admin = AdminGateway.start(home)) {
            admin.post("/api/v1/apply", YAML, Mappings.grpc("all", "/", "127.0.0.1:1")
                    + Mappings.grpc("greeter", "/helloworld.Greeter/", "127.0.0.1:2"));

            JsonNode routes = json(admin.get("/api/v1/routes")).path("routes");
            JsonNode match = json(admin.get("/api/v1/routes/match?authority=x&path=/helloworld.Greeter/SayHello"));
            JsonNode other = json(admin.get("/api/v1/routes/match?authority=x&path=/other"));

            assertEquals("greeter", routes.get(0).path("name").asText());
            assertEquals("prefix /helloworld.Greeter/", routes.get(0).path("path").asText());
            assertEquals("greeter", match.path("matched").asText());
            assertEquals("not tried: greeter matched first", match.path("routes").get(1).path("reason").asText());
            assertEquals("all", other.path("matched").asText());
            assertTrue(other.path("routes").get(0).path("reason").asText().startsWith("path /other does not match"));
        }
    }
}

package io.legate.admin;

import static io.legate.admin.AdminApiTest.json;
import static io.legate.admin.AdminGateway.JSON;
import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.testing.Mappings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each hostile request gets a precise 4xx, stores nothing, and the gateway goes on serving. */
class HostileInputTest extends AdminGatewayTest {

    @AfterEach
    void nothingIsStoredAndTheApiStillAnswers() throws Exception {
        assertEquals(200, admin.get("/healthz").statusCode());
        assertTrue(!Files.exists(home.resolve("data/mappings")) || isEmpty(home.resolve("data/mappings")));
        assertEquals(201, admin.put("/api/v1/mappings/after", YAML, Mappings.grpc("after", "/a/", "127.0.0.1:1"))
                .statusCode());
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }

    private int status(HttpResponse<String> response) {
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), response::body);
        return response.statusCode();
    }

    @Test
    void deepNestingIsRefusedAs400() throws Exception {
        String deep = "a: ".repeat(0) + "[".repeat(10_000) + "]".repeat(10_000);
        assertEquals(400, status(admin.post("/api/v1/apply", YAML, deep)));
        assertEquals(400, status(admin.post("/api/v1/mappings", JSON, deep)));
    }

    @Test
    void anAliasBombIsRefusedAs400() throws Exception {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *")
                    .append((char) (c - 1)).append(", *").append((char) (c - 1)).append("]\n");
        }
        HttpResponse<String> response = admin.post("/api/v1/apply", YAML, bomb.toString());

        assertEquals(400, status(response));
        assertTrue(json(response).path("detail").asText().contains("aliases are not supported"), response::body);
    }

    @Test
    void aBodyOverTheLimitIsRefusedAs413() throws Exception {
        String big = Mappings.grpc("big", "/b/", "127.0.0.1:1") + "# " + "x".repeat(1024 * 1024) + "\n";
        assertEquals(413, status(admin.post("/api/v1/apply", YAML, big)));
        assertEquals(413, status(admin.put("/api/v1/mappings/big", YAML, big)));
    }

    @Test
    void aContentTypeOtherThanJsonOrYamlIsRefusedAs415() throws Exception {
        String mapping = Mappings.grpc("form", "/f/", "127.0.0.1:1");
        assertEquals(415, status(admin.post("/api/v1/mappings", "application/x-www-form-urlencoded", mapping)));
        assertEquals(415, status(admin.put("/api/v1/mappings/form", "text/plain", mapping)));
        assertEquals(415, status(admin.post("/api/v1/apply", JSON, "{}")));
    }

    @Test
    void namesThatCouldLeaveTheDataDirectoryAreRefusedAs422() throws Exception {
        for (String name : new String[] {"../escape", "a/b", "..", "nul\\u0000byte", "UPPER"}) {
            String body = Mappings.grpc("placeholder", "/p/", "127.0.0.1:1").replace("name: placeholder", "name: \"" + name + "\"");
            HttpResponse<String> response = admin.post("/api/v1/mappings", YAML, body);
            assertEquals(422, status(response), name);
            assertEquals("metadata.name", json(response).path("problems").get(0).path("field").asText(), name);
        }
    }

    @Test
    void namesInTheUrlThatCouldLeaveTheDataDirectoryAreRefused() throws Exception {
        for (String path : new String[] {"a%2Fb", "..%2F..%2Fescape", "nul%00byte"}) {
            HttpResponse<String> response = admin.send(admin.request("/api/v1/mappings/" + path)
                    .header("Content-Type", YAML)
                    .PUT(HttpRequest.BodyPublishers.ofString(Mappings.grpc("x", "/x/", "127.0.0.1:1"))));
            assertTrue(response.statusCode() == 400 || response.statusCode() == 422, path + ": " + response.statusCode());
        }
    }

    @Test
    void aNameOf300CharactersIsRefusedAs422() throws Exception {
        String name = "a".repeat(300);
        HttpResponse<String> response = admin.put("/api/v1/mappings/" + name, YAML, Mappings.grpc(name, "/p/", "127.0.0.1:1"));

        assertEquals(422, status(response));
        assertTrue(json(response).path("problems").get(0).path("message").asText().startsWith("too long"));
    }

    @Test
    void aNameTooLongForAFileButValidForDnsIsRefusedAs422() throws Exception {
        String name = "a".repeat(252);
        HttpResponse<String> response = admin.put("/api/v1/mappings/" + name, YAML, Mappings.grpc(name, "/p/", "127.0.0.1:1"));

        assertEquals(422, status(response));
        assertTrue(json(response).path("detail").asText().contains("at most 250"), response::body);
    }

    @Test
    void numbersWhereStringsBelongAreRefusedAs422NamingTheField() throws Exception {
        String body = "{\"apiVersion\":\"getambassador.io/v3alpha1\",\"kind\":\"Mapping\",\"metadata\":{\"name\":123},"
                + "\"spec\":{\"prefix\":7,\"service\":\"127.0.0.1:1\"}}";

        HttpResponse<String> response = admin.post("/api/v1/mappings", JSON, body);

        assertEquals(422, status(response));
        assertTrue(response.body().contains("\"field\" : \"metadata.name\""), response::body);
        assertTrue(response.body().contains("\"field\" : \"spec.prefix\""), response::body);
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedAs400() throws Exception {
        HttpResponse<String> response = admin.send(admin.request("/api/v1/mappings").header("Content-Type", YAML)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, (byte) 0xfe, 'a'})));

        assertEquals(400, status(response));
    }
}

package io.legate.plugins.grpcweb;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Google's grpc-web runtime from npm, in node, in both of its formats, against grpc-java servers behind the
 * gateway: what a browser page would do, but for CORS, which node's XMLHttpRequest does not enforce.
 */
class NpmGrpcWebClientTest {

    private static WebGateway web;

    @BeforeAll
    static void start() throws Exception {
        NodeClient.install();
        web = WebGateway.start("enable_grpc_web: true", "");
    }

    @AfterAll
    static void stop() throws Exception {
        if (web != null) {
            web.close();
        }
    }

    private static List<String> messages(List<JsonNode> events) {
        return events.stream().filter(event -> event.get("event").asText().equals("message"))
                .map(event -> event.get("value").asText()).toList();
    }

    private static JsonNode only(List<JsonNode> events, String kind) {
        List<JsonNode> found = events.stream().filter(event -> event.get("event").asText().equals(kind)).toList();
        assertEquals(1, found.size(), kind + " events in " + events);
        return found.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "binary"})
    void aUnaryCallIsAnswered(String format) throws Exception {
        List<JsonNode> events = NodeClient.call(web.gateway.baseUri(), format, "hello", "browser");
        assertEquals(List.of("Hello, browser"), messages(events));
        assertEquals(0, only(events, "status").get("code").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "binary"})
    void aServerStreamDeliversEveryMessageThenTheStatus(String format) throws Exception {
        List<JsonNode> events = NodeClient.call(web.gateway.baseUri(), format, "stream", "m", "x-test-responses=4");
        assertEquals(List.of("m0", "m1", "m2", "m3"), messages(events));
        assertEquals(0, only(events, "status").get("code").asInt());
        assertEquals("end", events.get(events.size() - 1).get("event").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "binary"})
    void anUpstreamErrorReachesTheClientWithItsCodeAndMessage(String format) throws Exception {
        List<JsonNode> events = NodeClient.call(web.gateway.baseUri(), format, "unary", "x",
                "x-test-status=9", "x-test-message=not%20now");
        JsonNode error = only(events, "error");
        assertEquals(9, error.get("code").asInt());
        assertEquals("not now", error.get("message").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "binary"})
    void aCallWithNoRouteIsUnimplemented(String format) throws Exception {
        List<JsonNode> events = NodeClient.call(web.gateway.baseUri() + "/nowhere", format, "hello", "x");
        assertEquals(12, only(events, "error").get("code").asInt());
    }
}

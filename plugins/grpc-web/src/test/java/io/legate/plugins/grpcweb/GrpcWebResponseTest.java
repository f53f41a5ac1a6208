package io.legate.plugins.grpcweb;

import io.legate.testing.TestResponse;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.legate.plugins.grpcweb.Frames.ascii;
import static io.legate.plugins.grpcweb.Frames.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrpcWebResponseTest {

    private static final Map<String, String> GRPC = Map.of("content-type", "application/grpc", "content-length", "42");
    private static final byte[] MESSAGE = Frames.data("hello");

    private static FakeExchange exchange(boolean text) {
        FakeExchange exchange = new FakeExchange("POST", "/s/m");
        exchange.onResponse(new GrpcWebResponse(text));
        return exchange;
    }

    private static Map<String, String> okTrailers() {
        Map<String, String> trailers = new LinkedHashMap<>();
        trailers.put("grpc-status", "0");
        trailers.put("grpc-message", "ok");
        return trailers;
    }

    @Test
    void aBinaryResponseKeepsItsFramesAndEndsWithTheTrailerFrame() {
        FakeExchange exchange = exchange(false);
        TestResponse response = exchange.respondHeaders(200, GRPC);
        Map<String, String> trailers = okTrailers();
        byte[] body = exchange.respondBody(response, trailers, MESSAGE);
        assertArrayEquals(concat(MESSAGE, TrailerFrame.of(okTrailers())), body);
        assertTrue(trailers.isEmpty(), "no HTTP trailers are left to send");
    }

    @Test
    void theContentTypeBecomesGrpcWebProtoAndTheLengthGoes() {
        TestResponse response = exchange(false).respondHeaders(200, GRPC);
        assertEquals("application/grpc-web+proto", response.headers.get("content-type"));
        assertNull(response.headers.get("content-length"));
    }

    @Test
    void aTextResponseEncodesEachFrameAndTheTrailerFrameInBase64() {
        FakeExchange exchange = exchange(true);
        TestResponse response = exchange.respondHeaders(200, GRPC);
        byte[] body = exchange.respondBody(response, okTrailers(), MESSAGE, MESSAGE);
        Base64.Encoder base64 = Base64.getEncoder();
        assertArrayEquals(concat(base64.encode(MESSAGE), base64.encode(MESSAGE), base64.encode(TrailerFrame.of(okTrailers()))), body);
        assertEquals("application/grpc-web-text+proto", response.headers.get("content-type"));
    }

    @Test
    void aTrailersOnlyReplyKeepsItsStatusInTheHeadersAndGetsNoTrailerFrame() {
        FakeExchange exchange = exchange(false);
        TestResponse response = exchange.respondHeaders(200, Map.of("content-type", "application/grpc", "grpc-status", "12",
                "grpc-message", "no route"));
        assertArrayEquals(new byte[0], exchange.respondBody(response, new HashMap<>()));
        assertEquals("12", response.headers.get("grpc-status"));
        assertEquals("application/grpc-web+proto", response.headers.get("content-type"));
    }

    @Test
    void aNonGrpcAnswerBecomesAGrpcStatusAndMessageInTheHeaders() {
        FakeExchange exchange = exchange(false);
        TestResponse response = exchange.respondHeaders(503, Map.of("content-type", "text/html"));
        byte[] body = exchange.respondBody(response, new HashMap<>(), ascii("<h1>down"), ascii(" for now</h1>"));
        assertArrayEquals(new byte[0], body);
        assertEquals(503, response.status, "the HTTP status stays, as Envoy keeps it");
        assertEquals("14", response.headers.get("grpc-status"));
        assertEquals("<h1>down for now</h1>", response.headers.get("grpc-message"));
        assertEquals("0", response.headers.get("content-length"));
        assertFalse(response.committed);
    }

    @Test
    void aNonGrpcReplyWithoutAnEndGetsItsGrpcStatusFromTheHeadersAlone() {
        TestResponse response = exchange(false).respondHeaders(401, Map.of("content-type", "application/json"));
        assertEquals("16", response.headers.get("grpc-status"));
    }

    @Test
    void aTwoHundredWithAnotherContentTypeIsNotGrpc() {
        FakeExchange exchange = exchange(false);
        TestResponse response = exchange.respondHeaders(200, Map.of("content-type", "application/json"));
        exchange.respondBody(response, new HashMap<>(), ascii("{}"));
        assertEquals("2", response.headers.get("grpc-status"));
        assertEquals("{}", response.headers.get("grpc-message"));
    }

    @Test
    void aNonGrpcAnswerWhoseHeadersAreGoneEndsWithATrailerFrameInstead() {
        FakeExchange exchange = exchange(true);
        TestResponse response = exchange.respondHeaders(404, Map.of("content-type", "text/plain"));
        response.committed = true;
        byte[] body = exchange.respondBody(response, new HashMap<>(), ascii("nope"));
        assertArrayEquals(Base64.getEncoder().encode(TrailerFrame.of(Map.of("grpc-status", "12", "grpc-message", "nope"))), body);
    }

    @Test
    void anUpstreamThatSpeaksBinaryGrpcWebIsPassedThrough() {
        FakeExchange exchange = exchange(false);
        TestResponse response = exchange.respondHeaders(200, Map.of("content-type", "application/grpc-web+proto"));
        assertArrayEquals(MESSAGE, exchange.respondBody(response, new HashMap<>(), MESSAGE));
        assertNull(response.headers.get("grpc-status"));
    }
}

package io.legate.plugins.grpcweb;

import io.legate.testing.TestResponse;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.legate.plugins.grpcweb.Frames.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrpcWebFilterTest {

    private static final CorsSettings ANY_ORIGIN = new CorsSettings("*", null, null, false, null, null);
    private static final String PAGE = "https://app.example";

    private static FakeExchange run(GrpcWebFilter filter, FakeExchange exchange) {
        filter.filter(exchange, exchange.chain());
        return exchange;
    }

    private static GrpcWebFilter grpcWeb() {
        return new GrpcWebFilter(true, null);
    }

    private static GrpcWebFilter cors(CorsSettings settings) {
        return new GrpcWebFilter(true, CorsPolicy.of(settings));
    }

    private static FakeExchange preflight(String origin) {
        return new FakeExchange("OPTIONS", "/s/m", "origin", origin, "access-control-request-method", "POST",
                "access-control-request-headers", "content-type,x-grpc-web");
    }

    @Test
    void aGrpcWebRequestGoesUpstreamAsGrpc() {
        FakeExchange exchange = run(grpcWeb(), new FakeExchange("POST", "/s/m", "content-type", "application/grpc-web+proto",
                "content-length", "12"));
        assertTrue(exchange.proceeded);
        assertEquals("application/grpc", exchange.header("content-type"));
        assertNull(exchange.header("content-length"));
        assertEquals("trailers", exchange.header("te"));
        assertEquals("identity,deflate,gzip", exchange.header("grpc-accept-encoding"));
    }

    @Test
    void theCallersGrpcAcceptEncodingIsKept() {
        FakeExchange exchange = run(grpcWeb(), new FakeExchange("POST", "/s/m", "content-type", "application/grpc-web",
                "grpc-accept-encoding", "identity"));
        assertEquals("identity", exchange.header("grpc-accept-encoding"));
    }

    @Test
    void onlyTheExactGrpcWebContentTypesAreTranslated() {
        for (String contentType : List.of("application/grpc-web;charset=utf-8", "application/grpc-web+json", "application/grpc")) {
            FakeExchange exchange = run(grpcWeb(), new FakeExchange("POST", "/s/m", "content-type", contentType));
            assertEquals(contentType, exchange.header("content-type"));
            assertTrue(exchange.responseFilters.isEmpty(), contentType);
        }
    }

    @Test
    void nothingIsTranslatedWhenGrpcWebIsNotEnabled() {
        FakeExchange exchange = run(new GrpcWebFilter(false, null),
                new FakeExchange("POST", "/s/m", "content-type", "application/grpc-web"));
        assertEquals("application/grpc-web", exchange.header("content-type"));
        assertTrue(exchange.proceeded);
    }

    @Test
    void aTextRequestBodyIsDecodedOnItsWayUpstream() {
        FakeExchange exchange = run(grpcWeb(), new FakeExchange("POST", "/s/m", "content-type", "application/grpc-web-text"));
        byte[] frame = Frames.data("hi");
        assertArrayEquals(frame, exchange.sendBody(Base64.getEncoder().encode(frame)));
    }

    @Test
    void aBinaryRequestBodyIsLeftAlone() {
        FakeExchange exchange = run(grpcWeb(), new FakeExchange("POST", "/s/m", "content-type", "application/grpc-web"));
        assertTrue(exchange.bodyFilters.isEmpty());
    }

    @Test
    void acceptAskingForTextMakesATextResponse() {
        FakeExchange exchange = run(grpcWeb(), new FakeExchange("POST", "/s/m", "content-type", "application/grpc-web",
                "accept", "application/grpc-web-text"));
        TestResponse response = exchange.respondHeaders(200, Map.of("content-type", "application/grpc"));
        assertEquals("application/grpc-web-text+proto", response.headers.get("content-type"));
    }

    @Test
    void aRequestWithoutOriginIsNotRoutedByTheFilter() {
        FakeExchange exchange = run(cors(ANY_ORIGIN), new FakeExchange("POST", "/s/m", "content-type", "application/grpc"));
        assertEquals(0, exchange.routeLookups);
        assertTrue(exchange.responseFilters.isEmpty());
    }

    @Test
    void anAllowedPreflightIsAnsweredByTheGateway() {
        FakeExchange exchange = run(cors(new CorsSettings(PAGE, "POST", null, true, null, 600L)), preflight(PAGE));
        assertFalse(exchange.proceeded);
        assertEquals(200, exchange.reply.status);
        assertEquals(Map.of("access-control-allow-origin", PAGE, "access-control-allow-methods", "POST",
                "access-control-allow-headers", "content-type,x-grpc-web", "access-control-max-age", "600",
                "access-control-allow-credentials", "true", "vary", "Origin"), exchange.reply.headers);
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsHeader() {
        FakeExchange exchange = run(cors(new CorsSettings(PAGE, null, null, false, null, null)), preflight("https://evil.example"));
        assertEquals(403, exchange.reply.status);
        assertTrue(exchange.reply.headers.keySet().stream().noneMatch(name -> name.startsWith("access-control-")));
    }

    @Test
    void aPreflightWithNoPolicyGoesUpstream() {
        FakeExchange exchange = run(grpcWeb(), preflight(PAGE));
        assertTrue(exchange.proceeded);
        assertNull(exchange.reply);
    }

    @Test
    void anyOriginIsAnsweredWithAStarUnlessCredentialsAreAllowed() {
        assertEquals("*", run(cors(ANY_ORIGIN), preflight(PAGE)).reply.headers.get("access-control-allow-origin"));
        CorsSettings withCredentials = new CorsSettings("*", null, null, true, null, null);
        assertEquals(PAGE, run(cors(withCredentials), preflight(PAGE)).reply.headers.get("access-control-allow-origin"));
    }

    @Test
    void aGrpcWebReplyExposesGrpcStatusAndMessageWithTheConfiguredHeaders() {
        FakeExchange exchange = run(cors(new CorsSettings(PAGE, null, null, false, List.of("x-request-id"), null)),
                new FakeExchange("POST", "/s/m", "content-type", "application/grpc-web-text", "origin", PAGE));
        TestResponse response = exchange.respondHeaders(200, Map.of("content-type", "application/grpc", "vary", "Accept-Encoding"));
        assertEquals(PAGE, response.headers.get("access-control-allow-origin"));
        assertEquals("grpc-status,grpc-message,x-request-id", response.headers.get("access-control-expose-headers"));
        assertEquals("Accept-Encoding, Origin", response.headers.get("vary"));
    }

    @Test
    void anotherReplyExposesOnlyTheConfiguredHeaders() {
        FakeExchange exchange = run(cors(ANY_ORIGIN), new FakeExchange("GET", "/api", "origin", PAGE));
        TestResponse response = exchange.respondHeaders(200, Map.of("content-type", "application/json"));
        assertEquals("*", response.headers.get("access-control-allow-origin"));
        assertNull(response.headers.get("access-control-expose-headers"));
    }

    @Test
    void aRequestFromAnotherOriginGetsNoCorsHeader() {
        FakeExchange exchange = run(cors(new CorsSettings(PAGE, null, null, false, null, null)),
                new FakeExchange("POST", "/s/m", "content-type", "application/grpc-web", "origin", "https://evil.example"));
        assertTrue(exchange.proceeded);
        TestResponse response = exchange.respondHeaders(200, Map.of("content-type", "application/grpc"));
        assertNull(response.headers.get("access-control-allow-origin"));
    }

    @Test
    void aMappingsCorsReplacesTheModules() {
        FakeExchange exchange = new FakeExchange("OPTIONS", "/s/m", "origin", "https://other.example",
                "access-control-request-method", "POST");
        exchange.routeSettings = new GrpcWebSettings(false, new CorsSettings(List.of("https://other.example"), null, null,
                false, null, "60"));
        run(cors(new CorsSettings(PAGE, null, null, false, null, null)), exchange);
        assertEquals("https://other.example", exchange.reply.headers.get("access-control-allow-origin"));
        assertEquals("60", exchange.reply.headers.get("access-control-max-age"));
    }

    @Test
    void aMappingsCorsWorksWhenTheModuleHasNone() {
        FakeExchange exchange = new FakeExchange("GET", "/api", "origin", PAGE);
        exchange.routeSettings = new GrpcWebSettings(false, ANY_ORIGIN);
        run(new GrpcWebFilter(false, null), exchange);
        assertEquals("*", exchange.respondHeaders(200, Map.of()).headers.get("access-control-allow-origin"));
    }

    @Test
    void aMappingWithoutCorsLeavesTheModulesPolicy() {
        FakeExchange exchange = new FakeExchange("GET", "/api", "origin", PAGE);
        exchange.routeSettings = new GrpcWebSettings(false, null);
        run(cors(ANY_ORIGIN), exchange);
        assertEquals("*", exchange.respondHeaders(200, Map.of()).headers.get("access-control-allow-origin"));
    }

    @Test
    void theGatewaysOwnTrailersOnlyReplyGetsTheGrpcWebContentTypeAndCorsHeaders() {
        FakeExchange exchange = run(cors(ANY_ORIGIN),
                new FakeExchange("POST", "/s/m", "content-type", "application/grpc-web-text", "origin", PAGE));
        TestResponse reply = exchange.respondHeaders(200, Map.of("content-type", "application/grpc", "grpc-status", "12",
                "grpc-message", "no route"));
        assertEquals("application/grpc-web-text+proto", reply.headers.get("content-type"));
        assertEquals("12", reply.headers.get("grpc-status"));
        assertEquals("*", reply.headers.get("access-control-allow-origin"));
        assertEquals("grpc-status,grpc-message", reply.headers.get("access-control-expose-headers"));
    }
}

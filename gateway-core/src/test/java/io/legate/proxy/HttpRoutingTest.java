package io.legate.proxy;

import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mappings without {@code grpc}: HTTP/1.1 to a plain upstream, with Emissary's rewrite, host and header rules. */
class HttpRoutingTest {

    private static final HttpClient H1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static EchoHttpServer upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = EchoHttpServer.start();
        String service = upstream.address();
        gateway = Gateway.start(Mappings.http("api", service, "prefix: /api/")
                + Mappings.http("api-v2", service, "prefix: /api/v2/", "rewrite: /v2/")
                + Mappings.http("catch-all", service, "prefix: /", "rewrite: /fallback/", "precedence: -1")
                + Mappings.http("pinned", service, "prefix: /api/pinned", "precedence: 10", "rewrite: /precedence/")
                + Mappings.http("only-example", service, "prefix: /host/", "hostname: \"*.example.com\"", "rewrite: /glob/")
                + Mappings.http("regex", service, "prefix: /items/", "regex_rewrite: {pattern: \"^/items/([0-9]+)$\", substitution: \"/item?id=\\\\1\"}")
                + Mappings.http("post-only", service, "prefix: /submit/", "method: POST")
                + Mappings.http("headers", service, "prefix: /headers/",
                "add_request_headers: {x-added: added, x-replaced: {value: new, append: false}}",
                "remove_request_headers: [x-drop-me]",
                "add_response_headers: {x-gateway: legate}",
                "remove_response_headers: [x-secret]",
                "host_rewrite: upstream.internal"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return H1.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String firstLine(HttpResponse<String> response) {
        return firstLine(response.body());
    }

    private static String firstLine(String body) {
        return body.lines().findFirst().orElse("");
    }

    @Test
    void theDefaultRewriteReplacesThePrefixWithSlash() throws Exception {
        assertEquals("GET /users/7?x=1", firstLine(get("/api/users/7?x=1")));
    }

    @Test
    void theLongerPrefixWins() throws Exception {
        assertEquals("GET /v2/users", firstLine(get("/api/v2/users")));
    }

    @Test
    void higherPrecedenceWinsOverALongerPrefix() throws Exception {
        assertEquals("GET /precedence/x", firstLine(get("/api/pinned/x")));
    }

    @Test
    void aRootPrefixCatchesWhatNothingElseMatches() throws Exception {
        assertEquals("GET /fallback/elsewhere", firstLine(get("/elsewhere")));
    }

    @Test
    void aHostnameGlobRoutesOnlyMatchingHosts() throws Exception {
        assertEquals("GET /glob/a", firstLine(RawHttp.get(gateway.port(), "/host/a", "api.example.com")));
        assertEquals("GET /glob/a", firstLine(RawHttp.get(gateway.port(), "/host/a", "API.Example.COM")));
        assertEquals("GET /fallback/host/a", firstLine(RawHttp.get(gateway.port(), "/host/a", "example.com")));
    }

    @Test
    void aRegexRewriteUsesCaptureGroups() throws Exception {
        assertEquals("GET /item?id=42", firstLine(get("/items/42")));
    }

    @Test
    void aMethodConditionLeavesOtherMethodsToOtherMappings() throws Exception {
        HttpResponse<String> post = H1.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/submit/form"))
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("POST /form", firstLine(post));
        assertTrue(post.body().endsWith("\na=b"), post.body());
        assertEquals("GET /fallback/submit/form", firstLine(get("/submit/form")));
    }

    @Test
    void requestHeadersAreAddedReplacedAndRemoved() throws Exception {
        String echoed = get("/headers/x", "x-drop-me", "gone", "x-replaced", "old").body();
        assertTrue(echoed.contains("\nx-added: added\n"), echoed);
        assertTrue(echoed.contains("\nx-replaced: new\n"), echoed);
        assertFalse(echoed.contains("x-drop-me"), echoed);
    }

    @Test
    void hostRewriteSetsTheUpstreamHost() throws Exception {
        assertTrue(get("/headers/x").body().contains("\nhost: upstream.internal\n"));
    }

    @Test
    void withoutHostRewriteTheCallersHostIsKept() throws Exception {
        assertTrue(get("/api/x").body().contains("\nhost: 127.0.0.1:" + gateway.port() + "\n"));
    }

    @Test
    void responseHeadersAreAddedAndRemoved() throws Exception {
        HttpResponse<String> response = get("/headers/x");
        assertEquals("legate", response.headers().firstValue("x-gateway").orElse(null));
        assertEquals("echo", response.headers().firstValue("x-upstream").orElse(null));
        assertTrue(response.headers().firstValue("x-secret").isEmpty());
    }

    @Test
    void theUpstreamLearnsWhoCalled() throws Exception {
        String echoed = get("/api/x").body();
        assertTrue(echoed.contains("\nx-forwarded-for: 127.0.0.1\n"), echoed);
        assertTrue(echoed.contains("\nx-forwarded-proto: http\n"), echoed);
    }

    @Test
    void anH2cUpgradeIsServedOverHttp2() throws Exception {
        HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> response = h2c.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/api/up")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals("GET /up", firstLine(response));
    }
}

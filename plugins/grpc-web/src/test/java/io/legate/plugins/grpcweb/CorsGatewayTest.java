package io.legate.plugins.grpcweb;

import io.legate.plugins.grpcweb.WebClients.Transport;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CORS through a whole gateway: the Module's policy for all, a Mapping's for its own requests. */
class CorsGatewayTest {

    private static final String APP = "https://app.example";
    private static final String OTHER = "https://other.example";
    private static final byte[] EMPTY_MESSAGE = Frames.frame(0, new byte[0]);

    private static WebGateway web;

    @BeforeAll
    static void start() throws Exception {
        web = WebGateway.start("""
                enable_grpc_web: true
                cors:
                  origins: https://app.example
                  methods: POST, GET, OPTIONS
                  headers: content-type,x-grpc-web,x-user-agent,grpc-timeout
                  exposed_headers: x-request-id
                  credentials: true
                  max_age: "86400"
                """, """
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: other-echo
                spec:
                  hostname: "*"
                  prefix: /other/
                  service: {echo}
                  cors:
                    origins: ["https://other.example"]
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        web.close();
    }

    private static ContentResponse preflight(Transport transport, String path, String origin) throws Exception {
        return web.clients.request(transport, HttpMethod.OPTIONS, path, "origin", origin,
                "access-control-request-method", "POST", "access-control-request-headers", "content-type,x-grpc-web").send();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPreflightIsAnsweredByTheGatewayWithTheModulesPolicy(Transport transport) throws Exception {
        ContentResponse response = preflight(transport, "/grpc.testing.SimpleService/UnaryRpc", APP);
        HttpFields headers = response.getHeaders();
        assertEquals(200, response.getStatus());
        assertEquals(APP, headers.get("access-control-allow-origin"));
        assertEquals("POST,GET,OPTIONS", headers.get("access-control-allow-methods"));
        assertEquals("content-type,x-grpc-web,x-user-agent,grpc-timeout", headers.get("access-control-allow-headers"));
        assertEquals("86400", headers.get("access-control-max-age"));
        assertEquals("true", headers.get("access-control-allow-credentials"));
        assertEquals("Origin", headers.get("vary"));
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsHeader() throws Exception {
        ContentResponse response = preflight(Transport.H2C, "/grpc.testing.SimpleService/UnaryRpc", OTHER);
        assertEquals(403, response.getStatus());
        assertNull(response.getHeaders().get("access-control-allow-origin"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aGrpcWebReplyLetsThePageReadGrpcStatusAndMessage(Transport transport) throws Exception {
        ContentResponse response = web.clients.post(transport, "/grpc.testing.SimpleService/UnaryRpc",
                "application/grpc-web+proto", EMPTY_MESSAGE, "origin", APP);
        assertEquals(APP, response.getHeaders().get("access-control-allow-origin"));
        assertEquals("true", response.getHeaders().get("access-control-allow-credentials"));
        assertEquals("grpc-status,grpc-message,x-request-id", response.getHeaders().get("access-control-expose-headers"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theGatewaysOwnNoRouteReplyCarriesTheCorsHeaders(Transport transport) throws Exception {
        ContentResponse response = web.clients.post(transport, "/nowhere.Service/Method", "application/grpc-web+proto",
                EMPTY_MESSAGE, "origin", APP);
        assertEquals("12", response.getHeaders().get("grpc-status"));
        assertEquals(APP, response.getHeaders().get("access-control-allow-origin"));
        assertEquals("grpc-status,grpc-message,x-request-id", response.getHeaders().get("access-control-expose-headers"));
    }

    @Test
    void aMappingsCorsReplacesTheModulesForItsRequests() throws Exception {
        ContentResponse allowed = preflight(Transport.HTTP_1_1, "/other/thing", OTHER);
        assertEquals(OTHER, allowed.getHeaders().get("access-control-allow-origin"));
        assertEquals("POST", allowed.getHeaders().get("access-control-allow-methods"), "the method asked for, none configured");
        ContentResponse refused = preflight(Transport.HTTP_1_1, "/other/thing", APP);
        assertNull(refused.getHeaders().get("access-control-allow-origin"));
    }

    @Test
    void aMappingsCorsWorksWithoutAnyInTheModule() throws Exception {
        try (WebGateway bare = WebGateway.start("enable_grpc_web: false", """
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: cors-only
                spec:
                  hostname: "*"
                  prefix: /cors-only/
                  service: {echo}
                  cors:
                    origins: https://other.example
                    max_age: 60
                """)) {
            ContentResponse preflight = bare.clients.request(Transport.H2C, HttpMethod.OPTIONS, "/cors-only/x",
                    "origin", OTHER, "access-control-request-method", "GET").send();
            assertEquals(OTHER, preflight.getHeaders().get("access-control-allow-origin"));
            assertEquals("60", preflight.getHeaders().get("access-control-max-age"));
            ContentResponse unconfigured = bare.clients.request(Transport.H2C, HttpMethod.GET, "/echo/x", "origin", OTHER).send();
            assertNull(unconfigured.getHeaders().get("access-control-allow-origin"));
        }
    }

    @Test
    void aModuleWithABadPolicyIsRefusedNamingTheField() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> WebGateway.start("cors: {origins: '*', max_age: -5}", "").close());
        assertTrue(refused.getMessage().contains("cors.max_age: -5 (expected: >= 0)"), refused.getMessage());
    }

    @Test
    void aMappingWithABadMaxAgeIsRefusedNamingTheField() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> WebGateway.start("enable_grpc_web: true", """
                        ---
                        apiVersion: getambassador.io/v3alpha1
                        kind: Mapping
                        metadata:
                          name: bad-cors
                        spec:
                          hostname: "*"
                          prefix: /bad/
                          service: {echo}
                          cors:
                            max_age: a day
                        """).close());
        assertTrue(refused.getMessage().contains("cors.max_age: \"a day\" (expected: a whole number of seconds)"),
                refused.getMessage());
    }

    @Test
    void aPlainHttpReplyGetsTheCorsHeadersButNoGrpcExposure() throws Exception {
        ContentResponse response = web.clients.request(Transport.HTTP_1_1, HttpMethod.GET, "/echo/x", "origin", APP).send();
        assertEquals(200, response.getStatus());
        assertEquals(APP, response.getHeaders().get("access-control-allow-origin"));
        assertEquals("x-request-id", response.getHeaders().get("access-control-expose-headers"));
    }

    @Test
    void aRequestWithoutOriginGetsNoCorsHeader() throws Exception {
        ContentResponse response = web.clients.request(Transport.HTTP_1_1, HttpMethod.GET, "/echo/x").send();
        assertNull(response.getHeaders().get("access-control-allow-origin"));
    }
}

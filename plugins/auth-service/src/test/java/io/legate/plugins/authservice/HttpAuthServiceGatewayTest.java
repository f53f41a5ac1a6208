package io.legate.plugins.authservice;

import static io.legate.plugins.authservice.Callers.authService;
import static io.legate.plugins.authservice.Callers.sayHello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code proto: http} through a real gateway: a Jetty authorization service, a grpc-java upstream, real callers. */
class HttpAuthServiceGatewayTest {

    private static HttpAuthServer auth;
    private static RecordingUpstream upstream;
    private static EchoHttpServer echo;
    private static Callers callers;
    private Gateway gateway;

    @BeforeAll
    static void startServers() throws Exception {
        auth = new HttpAuthServer();
        upstream = new RecordingUpstream();
        echo = EchoHttpServer.start();
        callers = new Callers();
    }

    @AfterAll
    static void stopServers() throws Exception {
        callers.close();
        echo.close();
        upstream.close();
        auth.close();
    }

    @BeforeEach
    void forgetEarlierCalls() {
        auth.forget();
        upstream.forget();
    }

    @AfterEach
    void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Gateway start(String authServiceYaml) throws Exception {
        gateway = Gateway.startWithResources(authServiceYaml
                + Mappings.grpc("hello", "/helloworld.Greeter/", upstream.address())
                + Mappings.http("echo", echo.address(), "prefix: /echo/", "rewrite: \"\"")
                + Mappings.http("open", echo.address(), "prefix: /open/", "rewrite: \"\"", "bypass_auth: true"));
        return gateway;
    }

    private Gateway start() throws Exception {
        return start(authService("auth_service: " + auth.address(), "path_prefix: /extauth",
                "allowed_request_headers: [x-qotm-session]", "allowed_authorization_headers: [x-user]"));
    }

    @Test
    void aGrpcCallTheServiceAllowsReachesTheUpstream() throws Exception {
        assertEquals("Hello, you", sayHello(start().channel(), "Bearer good"));
    }

    @Test
    void theAllowedAuthorizationHeadersOfTheAllowingAnswerReachTheUpstreamAndNoOthers() throws Exception {
        sayHello(start().channel(), "Bearer good");
        Metadata call = upstream.nextCall();
        assertEquals("alice", RecordingUpstream.header(call, "x-user"));
        assertNull(RecordingUpstream.header(call, "x-unlisted"));
    }

    @Test
    void anHttpCallerTheServiceAllowsReachesTheUpstreamWithTheAllowedHeader() throws Exception {
        ContentResponse response = callers.get(start().baseUri() + "/echo/page", "authorization", "Bearer good");
        assertEquals(200, response.getStatus());
        assertTrue(response.getContentAsString().contains("x-user: alice"), response.getContentAsString());
        assertFalse(response.getContentAsString().contains("x-unlisted"), response.getContentAsString());
    }

    @Test
    void aDeniedHttpCallerGetsTheServicesStatusChallengeAndBody() throws Exception {
        ContentResponse response = callers.get(start().baseUri() + "/echo/page", "authorization", "Bearer bad");
        assertEquals(401, response.getStatus());
        assertEquals("Bearer realm=\"legate\"", response.getHeaders().get("www-authenticate"));
        assertEquals("no entry", response.getContentAsString());
    }

    @Test
    void aDeniedGrpcCallerGetsUnauthenticatedWithTheServicesBodyAsMessage() throws Exception {
        assertEquals("UNAUTHENTICATED: no entry", sayHello(start().channel(), "Bearer bad"));
        assertTrue(upstream.calledNothing());
    }

    @Test
    void aGrpcCallerTheServiceForbidsGetsPermissionDenied() throws Exception {
        assertEquals("PERMISSION_DENIED: not yours", sayHello(start().channel(), "Bearer forbidden"));
    }

    @Test
    void theServiceGetsTheMethodThePrefixedPathAndOnlyTheHeadersItMaySee() throws Exception {
        callers.get(start().baseUri() + "/echo/page?q=1", "authorization", "Bearer good",
                "x-qotm-session", "s1", "x-private", "p", "user-agent", "test-agent");
        HttpAuthServer.Seen seen = auth.next();
        assertEquals("GET", seen.method());
        assertEquals("/extauth/echo/page?q=1", seen.path());
        assertEquals("Bearer good", seen.headers().get("authorization"));
        assertEquals("s1", seen.headers().get("x-qotm-session"));
        assertEquals("test-agent", seen.headers().get("user-agent"));
        assertEquals("127.0.0.1", seen.headers().get("x-forwarded-for"));
        assertEquals("http", seen.headers().get("x-forwarded-proto"));
        assertEquals("127.0.0.1:" + gateway.port(), seen.headers().get("host"));
        assertFalse(seen.headers().containsKey("x-private"), seen.headers().toString());
    }

    @Test
    void aMappingWithBypassAuthIsServedWithoutAskingTheService() throws Exception {
        ContentResponse response = callers.get(start().baseUri() + "/open/page");
        assertEquals(200, response.getStatus());
        assertTrue(auth.askedNothing());
    }

    @Test
    void aServiceThatDoesNotAnswerWithinTheTimeoutDeniesWithStatusOnError() throws Exception {
        start(authService("auth_service: " + auth.address(), "timeout_ms: 200", "status_on_error: {code: 503}"));
        assertEquals(503, callers.get(gateway.baseUri() + "/echo/page", "authorization", "Bearer slow").getStatus());
        assertTrue(sayHello(gateway.channel(), "Bearer slow").startsWith("UNAVAILABLE"));
    }

    @Test
    void withFailureModeAllowAServiceThatDoesNotAnswerWithinTheTimeoutLetsTheCallThrough() throws Exception {
        start(authService("auth_service: " + auth.address(), "timeout_ms: 200", "failure_mode_allow: true"));
        assertEquals("Hello, you", sayHello(gateway.channel(), "Bearer slow"));
    }

    @Test
    void anUnreachableServiceDeniesWith403ByDefault() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        start(authService("auth_service: 127.0.0.1:" + closed));
        assertEquals(403, callers.get(gateway.baseUri() + "/echo/page").getStatus());
        assertTrue(sayHello(gateway.channel(), "Bearer good").startsWith("PERMISSION_DENIED"));
    }
}

package io.legate.plugins.authservice;

import static io.legate.plugins.authservice.Callers.authService;
import static io.legate.plugins.authservice.Callers.sayHello;
import static io.legate.plugins.authservice.Callers.sayHelloLater;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.legate.testing.Gateway;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code proto: http} through a real gateway: a Jetty authorization service, a grpc-java upstream, real callers. */
class HttpAuthServiceGatewayTest {

    @RegisterExtension
    static final Backends<HttpAuthServer> backends = new Backends<>(() -> startHttpAuthServer());

    private static Gateway start() throws Exception {
        return backends.start(authService("auth_service: " + backends.auth.address(), "path_prefix: /extauth",
                "allowed_request_headers: [x-qotm-session]", "allowed_authorization_headers: [x-user]"));
    }

    @Test
    void aGrpcCallTheServiceAllowsReachesTheUpstream() throws Exception {
        assertEquals("Hello, you", sayHello(start().channel(), "Bearer good"));
    }

    @Test
    void theAllowedAuthorizationHeadersOfTheAllowingAnswerReachTheUpstreamAndNoOthers() throws Exception {
        sayHello(start().channel(), "Bearer good");
        Metadata call = backends.grpc.nextCall();
        assertEquals("alice", RecordingUpstream.header(call, "x-user"));
        assertNull(RecordingUpstream.header(call, "x-unlisted"));
    }

    @Test
    void anHttpCallerTheServiceAllowsReachesTheUpstreamWithTheAllowedHeader() throws Exception {
        ContentResponse response = backends.callers.get(start().baseUri() + "/echo/page", "authorization",
                "Bearer good");
        assertEquals(200, response.getStatus());
        assertTrue(response.getContentAsString().contains("x-user: alice"), response.getContentAsString());
        assertFalse(response.getContentAsString().contains("x-unlisted"), response.getContentAsString());
    }

    @Test
    void aDeniedHttpCallerGetsTheServicesStatusChallengeAndBody() throws Exception {
        Callers.assertChallenged(backends.callers.get(start().baseUri() + "/echo/page", "authorization", "Bearer bad"));
    }

    @Test
    void aDeniedGrpcCallerGetsUnauthenticatedWithTheServicesBodyAsMessage() throws Exception {
        assertEquals("UNAUTHENTICATED: no entry", sayHello(start().channel(), "Bearer bad"));
        assertTrue(backends.grpc.calledNothing());
    }

    @Test
    void aGrpcCallerTheServiceForbidsGetsPermissionDenied() throws Exception {
        assertEquals("PERMISSION_DENIED: not yours", sayHello(start().channel(), "Bearer forbidden"));
    }

    @Test
    void theServiceGetsTheMethodThePrefixedPathAndOnlyTheHeadersItMaySee() throws Exception {
        Gateway gateway = start();
        backends.callers.get(gateway.baseUri() + "/echo/page?q=1", "authorization", "Bearer good",
                "x-qotm-session", "s1", "x-private", "p", "user-agent", "test-agent");
        HttpAuthServer.Seen seen = backends.auth.next();
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
        ContentResponse response = backends.callers.get(start().baseUri() + "/open/page");
        assertEquals(200, response.getStatus());
        assertTrue(backends.auth.askedNothing());
    }

    @Test
    void aServiceThatDoesNotAnswerWithinTheTimeoutDeniesWithStatusOnError() throws Exception {
        Gateway gateway = backends.start(authService("auth_service: " + backends.auth.address(), "timeout_ms: 200",
                "status_on_error: {code: 503}"));
        assertEquals(503, backends.callers.get(gateway.baseUri() + "/echo/page", "authorization", "Bearer slow")
                .getStatus());
        assertTrue(sayHello(gateway.channel(), "Bearer slow").startsWith("UNAVAILABLE"));
    }

    @Test
    void withFailureModeAllowAServiceThatDoesNotAnswerWithinTheTimeoutLetsTheCallThrough() throws Exception {
        Gateway gateway = backends.start(authService("auth_service: " + backends.auth.address(), "timeout_ms: 200",
                "failure_mode_allow: true"));
        assertEquals("Hello, you", sayHello(gateway.channel(), "Bearer slow"));
    }

    @Test
    void anUnreachableServiceDeniesWith403ByDefault() throws Exception {
        Gateway gateway = backends.start(authService("auth_service: 127.0.0.1:" + closedPort()));
        assertEquals(403, backends.callers.get(gateway.baseUri() + "/echo/page").getStatus());
        assertTrue(sayHello(gateway.channel(), "Bearer good").startsWith("PERMISSION_DENIED"));
    }

    @Test
    void aChangedAuthServiceTakesEffectAtOnce() throws Exception {
        Gateway gateway = backends.start(authService("auth_service: 127.0.0.1:" + closedPort()));
        assertTrue(sayHello(gateway.channel(), "Bearer good").startsWith("PERMISSION_DENIED"));
        backends.apply(authService("auth_service: " + backends.auth.address()));
        assertEquals("Hello, you", sayHello(gateway.channel(), "Bearer good"));
    }

    @Test
    void twoHundredCallsWaitingForTheServiceHoldNoThread() throws Exception {
        Gateway gateway = backends.start(authService("auth_service: " + backends.auth.address(), "timeout_ms: 2000"));
        assertEquals("Hello, you", sayHello(gateway.channel(), "Bearer good"));
        backends.auth.forget();
        long before = threadsOutsideTheService();
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(sayHelloLater(gateway.channel(), "Bearer slow"));
        }
        for (int seen = 0; seen < 200; seen++) {
            assertNotNull(backends.auth.next(), "the service was asked " + seen + " times");
        }
        long waiting = threadsOutsideTheService();
        System.out.printf("threads: %d before, %d with 200 calls waiting for the service%n", before, waiting);
        // A thread per waiting call would be 200 more; Jetty's pools may grow some under 200 new connections.
        assertTrue(waiting - before < 100, before + " threads before, " + waiting + " with 200 calls waiting");
        for (CompletableFuture<String> call : calls) {
            assertTrue(call.get(10, TimeUnit.SECONDS).startsWith("PERMISSION_DENIED"));
        }
    }

    /** The live threads of this JVM but the authorization service's: the gateway's, the upstream's, the callers'. */
    private static long threadsOutsideTheService() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().startsWith(HttpAuthServer.THREADS)).count();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static HttpAuthServer startHttpAuthServer() {
        try {
            return new HttpAuthServer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

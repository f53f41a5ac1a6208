package io.legate.plugins.authservice;

import static io.legate.plugins.authservice.Callers.authService;
import static io.legate.plugins.authservice.Callers.sayHello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.grpc.ManagedChannel;
import io.legate.testing.Gateway;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.tls.CertifiedKey;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code proto: grpc} through a real gateway: a grpc-java Authorization service, a grpc-java upstream. */
class GrpcAuthServiceGatewayTest {

    @RegisterExtension
    static final Backends<GrpcAuthServer> backends = new Backends<>(() -> startGrpcAuthServer());

    private static Gateway start(String... extraSpecLines) throws Exception {
        String[] spec = new String[extraSpecLines.length + 3];
        spec[0] = "auth_service: " + backends.auth.address();
        spec[1] = "proto: grpc";
        spec[2] = "protocol_version: v3";
        System.arraycopy(extraSpecLines, 0, spec, 3, extraSpecLines.length);
        return backends.start(authService(spec), "auth_context_extensions: {team: greeters}");
    }

    @Test
    void anAllowedCallReachesTheUpstreamWithTheOkResponsesHeaders() throws Exception {
        assertEquals("Hello, you", sayHello(start().channel(), "Bearer good"));
        assertEquals("alice", RecordingUpstream.header(backends.grpc.nextCall(), "x-user"));
    }

    @Test
    void theCheckRequestDescribesTheCallAndCarriesTheMappingsContextExtensions() throws Exception {
        Gateway gateway = start();
        sayHello(gateway.channel(), "Bearer good");
        CheckRequest check = backends.auth.next();
        AttributeContext.HttpRequest http = check.getAttributes().getRequest().getHttp();
        assertEquals("POST", http.getMethod());
        assertEquals("/helloworld.Greeter/SayHello", http.getPath());
        assertEquals("http", http.getScheme());
        assertEquals("127.0.0.1:" + gateway.port(), http.getHost());
        assertEquals("Bearer good", http.getHeadersMap().get("authorization"));
        assertEquals("/helloworld.Greeter/SayHello", http.getHeadersMap().get(":path"));
        assertEquals("127.0.0.1", check.getAttributes().getSource().getAddress().getSocketAddress().getAddress());
        assertEquals("greeters", check.getAttributes().getContextExtensionsMap().get("team"));
    }

    @Test
    void aCallerOverTlsIsDescribedAsHttpsOnItsListenersPort() throws Exception {
        CertifiedKey ca = TestCertificates.ca("auth ca");
        Gateway gateway = backends.start(Resources.secret("cert", TestCertificates.server(ca, "api.example.com"))
                + Resources.host("api", "api.example.com", "cert", null)
                + authService("auth_service: " + backends.auth.address(), "proto: grpc"));
        ManagedChannel tls = gateway.tlsChannel(ca, "api.example.com", null);
        try {
            assertEquals("Hello, you", sayHello(tls, "Bearer good"));
        } finally {
            tls.shutdownNow();
        }
        AttributeContext attributes = backends.auth.next().getAttributes();
        assertEquals("https", attributes.getRequest().getHttp().getScheme());
        assertEquals("https", attributes.getRequest().getHttp().getHeadersMap().get("x-forwarded-proto"));
        assertEquals(gateway.httpsPort(), attributes.getDestination().getAddress().getSocketAddress().getPortValue());
    }

    @Test
    void aDeniedGrpcCallerGetsTheServicesStatus() throws Exception {
        assertEquals("UNAUTHENTICATED: no entry", sayHello(start().channel(), "Bearer bad"));
        assertTrue(backends.grpc.calledNothing());
    }

    @Test
    void aDeniedGrpcCallerGetsTheServicesOwnCodeWhereNoHttpStatusStandsForIt() throws Exception {
        // 429 alone would say UNAVAILABLE to a gRPC caller.
        assertEquals("RESOURCE_EXHAUSTED: slow down", sayHello(start().channel(), "Bearer greedy"));
    }

    @Test
    void aDeniedHttpCallerGetsTheDeniedResponse() throws Exception {
        Callers.assertChallenged(backends.callers.get(start().baseUri() + "/echo/page", "authorization", "Bearer bad"));
    }

    @Test
    void aServiceThatDoesNotAnswerWithinTheTimeoutDeniesWithStatusOnError() throws Exception {
        Gateway gateway = start("timeout_ms: 200");
        assertTrue(sayHello(gateway.channel(), "Bearer slow").startsWith("PERMISSION_DENIED"));
        assertEquals(403, backends.callers.get(gateway.baseUri() + "/echo/page", "authorization", "Bearer slow")
                .getStatus());
    }

    @Test
    void withFailureModeAllowAServiceThatDoesNotAnswerWithinTheTimeoutLetsTheCallThrough() throws Exception {
        Gateway gateway = start("timeout_ms: 200", "failure_mode_allow: true");
        assertEquals("Hello, you", sayHello(gateway.channel(), "Bearer slow"));
    }

    private static GrpcAuthServer startGrpcAuthServer() {
        try {
            return new GrpcAuthServer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

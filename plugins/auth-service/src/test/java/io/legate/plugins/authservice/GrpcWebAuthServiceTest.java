package io.legate.plugins.authservice;

import static io.legate.plugins.authservice.Callers.authService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.StringValue;
import io.legate.plugins.testing.Modules;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A browser's gRPC-Web call, translated by the grpc_web plugin, authorized by an HTTP authorization service. */
class GrpcWebAuthServiceTest {

    private static HttpAuthServer auth;
    private static RecordingUpstream upstream;
    private static Gateway gateway;
    private static HttpClient browser;

    @BeforeAll
    static void start() throws Exception {
        auth = new HttpAuthServer();
        upstream = new RecordingUpstream();
        gateway = Gateway.startWithResources(Modules.ambassador("enable_grpc_web: true")
                + authService("auth_service: " + auth.address(), "allowed_authorization_headers: [x-user]")
                + Mappings.grpc("hello", "/helloworld.Greeter/", upstream.address()));
        browser = new HttpClient();
        browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        browser.stop();
        gateway.close();
        upstream.close();
        auth.close();
    }

    private static ContentResponse sayHello(String authorization) throws Exception {
        byte[] message = StringValue.of("you").toByteArray();
        ByteBuffer frame = ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message);
        return browser.newRequest(gateway.baseUri() + "/helloworld.Greeter/SayHello")
                .method(HttpMethod.POST)
                .timeout(10, TimeUnit.SECONDS)
                .headers(h -> h.put("x-grpc-web", "1").put("authorization", authorization))
                .body(new BytesRequestContent("application/grpc-web+proto", frame.array()))
                .send();
    }

    @Test
    void anAllowedGrpcWebCallIsAnsweredByTheUpstreamWithItsTrailersInTheBody() throws Exception {
        ContentResponse response = sayHello("Bearer good");
        assertEquals(200, response.getStatus());
        assertEquals("application/grpc-web+proto", response.getHeaders().get("content-type"));
        String body = new String(response.getContent(), StandardCharsets.ISO_8859_1);
        assertTrue(body.contains("Hello, you"), body);
        assertTrue(body.contains("grpc-status:0"), body);
        assertEquals("alice", RecordingUpstream.header(upstream.nextCall(), "x-user"));
    }

    @Test
    void aDeniedGrpcWebCallGetsUnauthenticatedInItsHeaders() throws Exception {
        ContentResponse response = sayHello("Bearer bad");
        assertEquals(200, response.getStatus());
        assertEquals("application/grpc-web+proto", response.getHeaders().get("content-type"));
        assertEquals("16", response.getHeaders().get("grpc-status"));
        assertEquals("no entry", response.getHeaders().get("grpc-message"));
        assertNull(response.getHeaders().get("www-authenticate"));
    }
}

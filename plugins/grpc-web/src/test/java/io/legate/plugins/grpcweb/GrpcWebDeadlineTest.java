package io.legate.plugins.grpcweb;

import io.grpc.testing.protobuf.SimpleRequest;
import io.legate.plugins.grpcweb.WebClients.Transport;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Base64;
import java.util.List;

import static io.legate.plugins.grpcweb.WebFrames.frames;
import static io.legate.plugins.grpcweb.WebFrames.trailerBlock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream the gateway itself ends once its reply has started (the Mapping's timeout): the status it gives
 * reaches the gRPC-Web client in the trailer frame, as the upstream's would.
 */
class GrpcWebDeadlineTest {

    private static final String STREAMING = "/grpc.testing.SimpleService/ServerStreamingRpc";
    private static final byte[] REQUEST = Frames.frame(0, SimpleRequest.newBuilder().setRequestMessage("m").build().toByteArray());
    /** Ten messages 300 ms apart: the first is sent at once, long before the 1 s timeout ends the stream. */
    private static final String[] SLOW = {"x-test-responses", "10", "x-test-interval-ms", "300"};

    private static WebGateway web;

    @BeforeAll
    static void start() throws Exception {
        web = WebGateway.start("enable_grpc_web: true", """
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: simple-with-timeout
                spec:
                  hostname: "*"
                  grpc: true
                  precedence: 10
                  prefix: /grpc.testing.SimpleService/
                  rewrite: /grpc.testing.SimpleService/
                  service: {simple}
                  timeout_ms: 1000
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        web.close();
    }

    private static void assertEndedByTheDeadline(List<byte[]> frames) {
        assertTrue(frames.size() >= 2, "some messages, then the trailer frame: " + frames.size() + " frames");
        assertEquals(0, frames.get(0)[0], "a message came first");
        String trailers = trailerBlock(frames.get(frames.size() - 1));
        assertTrue(trailers.contains("grpc-status:4\r\n"), trailers);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theGatewaysDeadlineEndsABinaryStreamWithATrailerFrame(Transport transport) throws Exception {
        ContentResponse response = web.clients.post(transport, STREAMING, "application/grpc-web+proto", REQUEST, SLOW);
        assertEquals(200, response.getStatus());
        assertEndedByTheDeadline(frames(response.getContent()));
    }

    @Test
    void theGatewaysDeadlineEndsATextStreamWithAnEncodedTrailerFrame() throws Exception {
        ContentResponse response = web.clients.post(Transport.H2C, STREAMING, "application/grpc-web-text",
                Base64.getEncoder().encode(REQUEST), SLOW);
        assertEndedByTheDeadline(frames(WebFrames.decodeText(response.getContent())));
    }
}

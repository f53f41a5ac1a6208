package io.legate.plugins.grpcweb;

import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.plugins.grpcweb.WebClients.Transport;
import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.legate.plugins.grpcweb.Frames.concat;
import static io.legate.plugins.grpcweb.WebFrames.frames;
import static io.legate.plugins.grpcweb.WebFrames.message;
import static io.legate.plugins.grpcweb.WebFrames.trailerBlock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gRPC-Web through a whole gateway, to a grpc-java upstream, over HTTP/1.1, h2c and h2 over TLS. */
class GrpcWebGatewayTest {

    private static final String UNARY = "/grpc.testing.SimpleService/UnaryRpc";
    private static final String STREAMING = "/grpc.testing.SimpleService/ServerStreamingRpc";

    private static WebGateway web;

    @BeforeAll
    static void start() throws Exception {
        web = WebGateway.start("enable_grpc_web: true", "");
    }

    @AfterAll
    static void stop() throws Exception {
        web.close();
    }

    private static byte[] request(String text) {
        return Frames.frame(0, SimpleRequest.newBuilder().setRequestMessage(text).build().toByteArray());
    }

    private static String reply(byte[] frame) throws Exception {
        assertEquals(0, frame[0], "a data frame");
        return SimpleResponse.parseFrom(message(frame)).getResponseMessage();
    }

    private static void assertNoHttpTrailers(ContentResponse response) {
        assertTrue(response.getTrailers() == null || response.getTrailers().size() == 0, "trailers: " + response.getTrailers());
    }

    /** A call answered with one message, then the trailer frame with status 0, and no HTTP trailers. */
    private static void assertAnswered(ContentResponse response, String contentType, byte[] frames, String message)
            throws Exception {
        assertEquals(200, response.getStatus());
        assertEquals(contentType, response.getHeaders().get("content-type"));
        List<byte[]> split = frames(frames);
        assertEquals(2, split.size());
        assertEquals(message, reply(split.get(0)));
        assertEquals("grpc-status:0\r\n", trailerBlock(split.get(1)));
        assertNoHttpTrailers(response);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBinaryUnaryCallAnswersTheMessageThenTheTrailerFrame(Transport transport) throws Exception {
        ContentResponse response = web.clients.post(transport, UNARY, "application/grpc-web+proto", request("hi"),
                "x-grpc-web", "1");
        assertAnswered(response, "application/grpc-web+proto", response.getContent(), "hi");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTextUnaryCallIsDecodedOnTheWayInAndEncodedOnTheWayOut(Transport transport) throws Exception {
        ContentResponse response = web.clients.post(transport, UNARY, "application/grpc-web-text",
                Base64.getEncoder().encode(request("text")), "accept", "application/grpc-web-text");
        assertAnswered(response, "application/grpc-web-text+proto", WebFrames.decodeText(response.getContent()), "text");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTextServerStreamEncodesEachFrameOnItsOwn(Transport transport) throws Exception {
        ContentResponse response = web.clients.post(transport, STREAMING, "application/grpc-web-text",
                Base64.getEncoder().encode(request("m")), "x-test-responses", "3");
        List<byte[]> frames = frames(WebFrames.decodeText(response.getContent()));
        assertEquals(List.of("m0", "m1", "m2"), List.of(reply(frames.get(0)), reply(frames.get(1)), reply(frames.get(2))));
        assertEquals("grpc-status:0\r\n", trailerBlock(frames.get(3)));
        Base64.Encoder base64 = Base64.getEncoder();
        assertArrayEquals(concat(frames.stream().map(base64::encode).toArray(byte[][]::new)), response.getContent());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUpstreamErrorTravelsInTheTrailerFrame(Transport transport) throws Exception {
        ContentResponse response = web.clients.post(transport, UNARY, "application/grpc-web+proto", request("x"),
                "x-test-status", "7", "x-test-message", "not%20yours");
        assertEquals(200, response.getStatus());
        List<byte[]> frames = frames(response.getContent());
        String trailers = trailerBlock(frames.get(frames.size() - 1));
        assertTrue(trailers.contains("grpc-status:7\r\n"), trailers);
        assertTrue(trailers.contains("grpc-message:not yours\r\n"), trailers);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCallWithNoRouteGetsATrailersOnlyGrpcWebReply(Transport transport) throws Exception {
        ContentResponse response = web.clients.post(transport, "/nowhere.Service/Method", "application/grpc-web-text",
                Base64.getEncoder().encode(request("x")));
        assertEquals(200, response.getStatus());
        assertEquals("application/grpc-web-text+proto", response.getHeaders().get("content-type"));
        assertEquals("12", response.getHeaders().get("grpc-status"));
        assertEquals(0, response.getContent().length);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNonGrpcUpstreamAnswerBecomesAGrpcStatus(Transport transport) throws Exception {
        ContentResponse response = web.clients.post(transport, "/echo/hello", "application/grpc-web+proto", request("x"));
        assertEquals(200, response.getStatus());
        assertEquals("2", response.getHeaders().get("grpc-status"), "UNKNOWN for a 200 that is not gRPC");
        assertTrue(response.getHeaders().get("grpc-message").startsWith("POST /hello%0A"),
                response.getHeaders().get("grpc-message"));
        // HTTP/1.1 replies are chunked (the forwarder always offers trailers), so only h2 shows the length.
        String length = response.getHeaders().get("content-length");
        assertTrue(length == null ? transport == Transport.HTTP_1_1 : length.equals("0"), "content-length: " + length);
        assertEquals(0, response.getContent().length);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void invalidBase64IsRefusedWith400(Transport transport) throws Exception {
        ContentResponse response = web.clients.post(transport, UNARY, "application/grpc-web-text",
                "AAAA****".getBytes());
        assertEquals(400, response.getStatus());
        assertEquals("13", response.getHeaders().get("grpc-status"));
        assertEquals("Bad gRPC-web request, invalid base64 data.", response.getHeaders().get("grpc-message"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTextBodySentInPiecesThatSplitBase64GroupsIsDecodedWhole(Transport transport) throws Exception {
        byte[] text = Base64.getEncoder().encode(request("pieces"));
        AsyncRequestContent body = new AsyncRequestContent("application/grpc-web-text");
        CompletableResponseListener listener = new CompletableResponseListener(
                web.clients.request(transport, HttpMethod.POST, UNARY).body(body));
        var sent = listener.send();
        for (int from = 0; from < text.length; from += 7) {
            body.write(ByteBuffer.wrap(text, from, Math.min(7, text.length - from)), Callback.NOOP);
        }
        body.close();
        ContentResponse response = sent.get(10, TimeUnit.SECONDS);
        assertEquals("pieces", reply(frames(WebFrames.decodeText(response.getContent())).get(0)));
    }

    @Test
    void aPlainGrpcCallIsLeftAlone() {
        SimpleResponse response = SimpleServiceGrpc.newBlockingStub(web.gateway.channel())
                .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("grpc").build());
        assertEquals("grpc", response.getResponseMessage());
    }
}

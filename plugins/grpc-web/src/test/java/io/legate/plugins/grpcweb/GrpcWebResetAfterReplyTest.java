package io.legate.plugins.grpcweb;

import io.grpc.testing.protobuf.SimpleRequest;
import io.legate.plugins.grpcweb.WebClients.Transport;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import io.legate.testing.ResettingUpstream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.legate.plugins.grpcweb.WebFrames.frames;
import static io.legate.plugins.grpcweb.WebFrames.message;
import static io.legate.plugins.grpcweb.WebFrames.trailerBlock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gRPC-Web caller whose upstream ends its reply and then resets the stream with NO_ERROR (RFC 9113 §8.1) gets the
 * whole reply, its trailer frame carrying the upstream's status and trailers, and no upstream failure is counted.
 * Each caller sends its message but holds the end of its request back until its reply has ended, so the reset
 * always reaches the gateway while the request is still open.
 */
class GrpcWebResetAfterReplyTest {

    private static final int CALLS = 500;
    /**
     * A stream whose request outlives its reply ends in resets, which the listener's guard against rapid resets
     * (Jetty's 128 a second per connection) counts: it takes the h2c connection of a caller this fast away.
     */
    private static final int CALLS_PER_CONNECTION = 25;
    private static final String PATH = "/reset.Upstream/Answer";
    private static final byte[] REQUEST =
            Frames.frame(0, SimpleRequest.newBuilder().setRequestMessage("ask").build().toByteArray());

    /**
     * The body of a reply that ended while its request was still open; the request ends after it. The gateway
     * closes an HTTP/1.1 connection whose request it did not read to the end, so such a call takes a connection of
     * its own.
     */
    /** A reply's body, and its status line and headers (which say why when the body is not what it should be). */
    private record Reply(byte[] body, String head) {
    }

    private static Reply callLeavingTheRequestOpen(WebClients clients, Transport transport) throws Exception {
        AsyncRequestContent body = new AsyncRequestContent("application/grpc-web+proto");
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        CompletableFuture<Reply> ended = new CompletableFuture<>();
        Request request = transport == Transport.HTTP_1_1
                ? clients.request(transport, HttpMethod.POST, PATH, "x-grpc-web", "1", "connection", "close")
                : clients.request(transport, HttpMethod.POST, PATH, "x-grpc-web", "1");
        request.body(body)
                .onResponseContent((response, content) -> reply.writeBytes(Frames.bytes(content)))
                .onResponseSuccess(response -> ended.complete(new Reply(reply.toByteArray(),
                        response.getStatus() + " " + response.getHeaders().toString().replace("\r\n", "; "))))
                .onResponseFailure((response, failure) -> ended.completeExceptionally(failure))
                .send(result -> {
                    // The request ends after its reply, unread by the gateway: how it ends is not under test.
                });
        body.write(ByteBuffer.wrap(REQUEST), Callback.NOOP);
        try {
            return ended.get(15, TimeUnit.SECONDS);
        } finally {
            body.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"HTTP_1_1", "H2C"})
    void grpcWebCallersGetTheWholeReplyWhenTheUpstreamResetsAfterIt(Transport transport) throws Exception {
        try (ResettingUpstream upstream = ResettingUpstream.afterItsReply();
             WebGateway web = WebGateway.start("enable_grpc_web: true",
                     Mappings.grpc("reset", "/reset.Upstream/", upstream.address()))) {
            for (int round = 0; round < CALLS / CALLS_PER_CONNECTION; round++) {
                try (WebClients clients = new WebClients(web.gateway, WebGateway.CA)) {
                    for (int i = 0; i < CALLS_PER_CONNECTION; i++) {
                        String call = "round " + round + ", call " + i + ": ";
                        Reply reply = callLeavingTheRequestOpen(clients, transport);
                        List<byte[]> frames = frames(reply.body());

                        assertEquals(2, frames.size(), call + "a message and the trailer frame; the reply: " + reply.head());
                        assertArrayEquals(ResettingUpstream.REPLY.toByteArray(), message(frames.get(0)), call);
                        String trailers = trailerBlock(frames.get(1));
                        assertTrue(trailers.contains("grpc-status:0\r\n"), call + trailers);
                        assertTrue(trailers.contains(ResettingUpstream.TRAILER + ":"
                                + ResettingUpstream.TRAILER_VALUE + "\r\n"), call + trailers);
                    }
                }
            }

            assertTrue(upstream.awaitResets(CALLS, 10), "the upstream reset every stream after its reply");
            MetricSamples samples = MetricSamples.settled(() -> MetricSamples.of(web.gateway.metrics().registry()));
            assertEquals(CALLS, samples.value("legate_requests_total{code=\"200\",grpc_status=\"0\",mapping=\"reset\"}"));
            assertEquals(List.of(), samples.series("legate_upstream_failures_total"));
        }
    }
}

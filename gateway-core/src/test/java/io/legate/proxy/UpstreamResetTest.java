package io.legate.proxy;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import io.legate.testing.ResettingUpstream;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.tls.CertifiedKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upstream that resets its stream with NO_ERROR. Once its reply has ended (it needs no more of the request:
 * RFC 9113 §8.1), the caller gets the whole reply with the upstream's status and trailers, and no upstream failure is
 * counted; before that, the call fails. Each caller sends its message but holds the end of its request back until
 * its reply has ended, so the reset always reaches the gateway while the request is still open.
 */
class UpstreamResetTest {

    private static final int CALLS = 500;
    private static final int CALLS_PER_CONNECTION = 25;
    private static final String HOST = "reset.test";
    private static final CertifiedKey CA = TestCertificates.ca("reset ca");
    private static final Metadata.Key<String> TRAILER =
            Metadata.Key.of(ResettingUpstream.TRAILER, Metadata.ASCII_STRING_MARSHALLER);
    private static final SimpleRequest ASK = SimpleRequest.newBuilder().setRequestMessage("ask").build();

    private static Gateway gateway(ResettingUpstream upstream) throws Exception {
        return Gateway.startWithResources(Resources.secret("cert", TestCertificates.server(CA, HOST))
                + Resources.host("reset", HOST, "cert", null)
                + Mappings.grpc("reset", "/grpc.testing.SimpleService/", upstream.address()));
    }

    /** What a caller got: its messages, the status and the trailers. */
    private record Ended(List<SimpleResponse> messages, Status status, Metadata trailers) {
    }

    /** One call that sends a message and leaves its request open; answers once the reply has ended. */
    private static Ended callLeavingTheRequestOpen(ManagedChannel channel) throws Exception {
        ClientCall<SimpleRequest, SimpleResponse> call = channel.newCall(SimpleServiceGrpc.getBidiStreamingRpcMethod(),
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
        List<SimpleResponse> messages = new ArrayList<>();
        CompletableFuture<Ended> ended = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(SimpleResponse message) {
                messages.add(message);
                call.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                ended.complete(new Ended(messages, status, trailers));
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(ASK);
        return ended.get(15, TimeUnit.SECONDS);
    }

    /**
     * {@link #CALLS} calls, on a new connection every {@link #CALLS_PER_CONNECTION}: each call ends with its caller
     * resetting the stream whose request it never ended, and the listener's guard against rapid resets (Jetty's 128
     * a second per connection) takes the connection of a caller this fast away.
     */
    private static void everyCallKeepsTheUpstreamsReply(ResettingUpstream upstream, Gateway gateway,
                                                        Callable<ManagedChannel> connect) throws Exception {
        for (int connection = 0; connection < CALLS / CALLS_PER_CONNECTION; connection++) {
            ManagedChannel channel = connect.call();
            try {
                for (int i = 0; i < CALLS_PER_CONNECTION; i++) {
                    Ended ended = callLeavingTheRequestOpen(channel);

                    String call = "connection " + connection + ", call " + i + ": ";
                    assertEquals(Status.Code.OK, ended.status().getCode(), call + ended.status());
                    assertEquals(ResettingUpstream.TRAILER_VALUE, ended.trailers().get(TRAILER), call);
                    assertEquals(List.of(ResettingUpstream.REPLY), ended.messages(), call);
                }
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        everyCallWasCountedAnswered(upstream, gateway);
    }

    private static void everyCallWasCountedAnswered(ResettingUpstream upstream, Gateway gateway) throws Exception {
        assertTrue(upstream.awaitResets(CALLS, 10), "the upstream reset every stream after its reply");
        MetricSamples samples = MetricSamples.settled(() -> MetricSamples.of(gateway.metrics().registry()));
        assertEquals(CALLS, samples.value("legate_requests_total{code=\"200\",grpc_status=\"0\",mapping=\"reset\"}"));
        assertEquals(List.of(), samples.series("legate_upstream_failures_total"));
    }

    @Test
    void grpcCallersOverH2cGetTheWholeReplyWhenTheUpstreamResetsAfterIt() throws Exception {
        try (ResettingUpstream upstream = ResettingUpstream.afterItsReply(); Gateway gateway = gateway(upstream)) {
            everyCallKeepsTheUpstreamsReply(upstream, gateway,
                    () -> NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build());
        }
    }

    @Test
    void grpcCallersOverTlsGetTheWholeReplyWhenTheUpstreamResetsAfterIt() throws Exception {
        try (ResettingUpstream upstream = ResettingUpstream.afterItsReply(); Gateway gateway = gateway(upstream)) {
            everyCallKeepsTheUpstreamsReply(upstream, gateway, () -> gateway.tlsChannel(CA, HOST, null));
        }
    }

    /**
     * A gRPC request over HTTP/1.1 (no gRPC-Web) whose last chunk comes only after its reply ended. The gateway
     * closes a connection whose request it did not read to the end, after a reply that may not say so: each call
     * asks for a connection of its own, so that none is sent on a connection being closed.
     */
    @Test
    void grpcCallersOverHttp11GetTheWholeReplyWhenTheUpstreamResetsAfterIt() throws Exception {
        HttpClient client = new HttpClient();
        client.start();
        try (ResettingUpstream upstream = ResettingUpstream.afterItsReply(); Gateway gateway = gateway(upstream)) {
            for (int i = 0; i < CALLS; i++) {
                Response reply = http11CallLeavingTheRequestOpen(client, gateway);

                assertEquals(200, reply.getStatus(), "call " + i);
                assertEquals("0", reply.getTrailers().get("grpc-status"), "call " + i + ": " + reply.getHeaders());
            }
            everyCallWasCountedAnswered(upstream, gateway);
        } finally {
            client.stop();
        }
    }

    private static Response http11CallLeavingTheRequestOpen(HttpClient client, Gateway gateway) throws Exception {
        AsyncRequestContent body = new AsyncRequestContent("application/grpc");
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        CompletableFuture<Response> ended = new CompletableFuture<>();
        client.newRequest(gateway.baseUri() + "/grpc.testing.SimpleService/BidiStreamingRpc")
                .method(HttpMethod.POST)
                .headers(headers -> headers.put("te", "trailers").put("connection", "close"))
                .timeout(10, TimeUnit.SECONDS)
                .body(body)
                .onResponseContent((response, content) -> {
                    byte[] bytes = new byte[content.remaining()];
                    content.get(bytes);
                    reply.writeBytes(bytes);
                })
                .onResponseSuccess(ended::complete)
                .onResponseFailure((response, failure) -> ended.completeExceptionally(failure))
                .send(result -> {
                    // The request ends after its reply, unread by the gateway: how it ends is not under test.
                });
        body.write(ByteBuffer.wrap(grpcFrame(ASK.toByteArray())), Callback.NOOP);
        try {
            Response response = ended.get(15, TimeUnit.SECONDS);
            assertArrayEquals(grpcFrame(ResettingUpstream.REPLY.toByteArray()), reply.toByteArray(),
                    "the upstream's message; the reply: " + response.getStatus() + " " + response.getHeaders());
            return response;
        } finally {
            body.close();
        }
    }

    /** A gRPC length-prefixed message, uncompressed. */
    private static byte[] grpcFrame(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    @Test
    void aResetBeforeTheUpstreamsTrailersFailsTheCallAndIsCountedAsAnUpstreamReset() throws Exception {
        try (ResettingUpstream upstream = ResettingUpstream.beforeItsTrailers(); Gateway gateway = gateway(upstream)) {
            Ended ended = callLeavingTheRequestOpen(gateway.channel());

            assertEquals(Status.Code.UNAVAILABLE, ended.status().getCode(), ended.status().toString());
            MetricSamples samples = MetricSamples.settled(() -> MetricSamples.of(gateway.metrics().registry()));
            assertEquals(1, samples.value("legate_requests_total{code=\"200\",grpc_status=\"14\",mapping=\"reset\"}"));
            assertEquals(1, samples.value("legate_upstream_failures_total{mapping=\"reset\",reason=\"reset\"}"));
        }
    }
}

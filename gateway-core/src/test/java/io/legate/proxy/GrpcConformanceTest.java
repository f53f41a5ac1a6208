package io.legate.proxy;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.RecordingObserver;
import io.legate.testing.UpstreamServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gRPC interop test cases, run through the gateway between a real grpc-java client and server, over h2c; the
 * subclass runs them over h2 with TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcConformanceTest {

    private static final String SIMPLE = "/grpc.testing.SimpleService/";

    UpstreamServer upstream;
    Gateway gateway;
    private ManagedChannel channel;

    @BeforeAll
    void start() throws Exception {
        upstream = UpstreamServer.start();
        gateway = startGateway(Mappings.grpc("simple", SIMPLE, upstream.address())
                + Mappings.grpc("unimplemented", "/grpc.testing.UnimplementedService/", upstream.address()));
        channel = channel(gateway);
    }

    /** The gateway, serving {@code mappings}. */
    Gateway startGateway(String mappings) throws Exception {
        return Gateway.start(mappings);
    }

    /** The caller's channel to {@code gateway}. */
    ManagedChannel channel(Gateway gateway) throws Exception {
        return gateway.channel();
    }

    @AfterAll
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        gateway.close();
        upstream.close();
    }

    private SimpleServiceGrpc.SimpleServiceBlockingStub blocking(Behaviour behaviour) {
        return SimpleServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(behaviour.metadata()));
    }

    private SimpleServiceGrpc.SimpleServiceStub async(Behaviour behaviour) {
        return SimpleServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(behaviour.metadata()));
    }

    private static SimpleRequest request(String info) {
        return SimpleRequest.newBuilder().setRequestMessage(info).build();
    }

    @Test
    void emptyUnaryReturnsAnEmptyMessage() {
        SimpleResponse response = blocking(Behaviour.of()).unaryRpc(SimpleRequest.getDefaultInstance());
        assertEquals(SimpleResponse.getDefaultInstance(), response);
    }

    @Test
    void largeUnaryCarriesOneMebibyteEachWay() {
        largeUnary(1 << 20);
    }

    @Test
    void largeUnaryCarriesSixteenMebibytesEachWay() {
        largeUnary(16 << 20);
    }

    private void largeUnary(int size) {
        SimpleResponse response = blocking(Behaviour.of().with(Behaviour.RESPONSE_SIZE, size))
                .unaryRpc(request("q".repeat(size)));
        assertEquals(size, response.getResponseMessage().length());
        assertEquals("r".repeat(size), response.getResponseMessage());
    }

    @Test
    void largeRequestArrivesWhole() {
        int size = 16 << 20;
        String payload = "abcdefgh".repeat(size / 8);
        assertEquals(payload, blocking(Behaviour.of()).unaryRpc(request(payload)).getResponseMessage());
    }

    @Test
    void clientStreamingDeliversEveryMessage() throws Exception {
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        StreamObserver<SimpleRequest> requests = async(Behaviour.of()).clientStreamingRpc(responses);
        for (int size : new int[] {27182, 8, 1828, 45904}) {
            requests.onNext(request("x".repeat(size)));
        }
        requests.onCompleted();
        assertEquals(List.of("4 messages, 74922 bytes"), responses.awaitMessages(10).stream().map(SimpleResponse::getResponseMessage).toList());
        assertEquals(Status.Code.OK, responses.awaitStatus(10).getCode());
    }

    @Test
    void serverStreamingDeliversEveryMessageInOrder() {
        Iterator<SimpleResponse> responses = blocking(Behaviour.of().with(Behaviour.RESPONSES, 4)).serverStreamingRpc(request("m"));
        List<String> received = new ArrayList<>();
        responses.forEachRemaining(r -> received.add(r.getResponseMessage()));
        assertEquals(List.of("m0", "m1", "m2", "m3"), received);
    }

    @Test
    void serverStreamingArrivesAsTheUpstreamSendsIt() throws Exception {
        long start = System.nanoTime();
        Iterator<SimpleResponse> responses = blocking(Behaviour.of().with(Behaviour.RESPONSES, 5).with(Behaviour.INTERVAL_MS, 300))
                .serverStreamingRpc(request("t"));
        List<Long> arrivalsMs = new ArrayList<>();
        responses.forEachRemaining(r -> arrivalsMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        assertEquals(5, arrivalsMs.size());
        // The upstream sends one message every 300 ms: held back, they would all arrive together at the end. The
        // bounds leave room for a loaded machine's scheduling, which shifts single messages, not the spread.
        assertTrue(arrivalsMs.get(0) < 900, "first message after " + arrivalsMs.get(0) + " ms: " + arrivalsMs);
        assertTrue(arrivalsMs.get(4) - arrivalsMs.get(0) >= 600, "messages arrived together, not paced: " + arrivalsMs);
    }

    @Test
    void pingPongAnswersEachMessageBeforeTheNextIsSent() throws Exception {
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        StreamObserver<SimpleRequest> requests = async(Behaviour.of()).bidiStreamingRpc(responses);
        for (String ping : new String[] {"a", "bb", "ccc", "dddd"}) {
            requests.onNext(request(ping));
            assertEquals(ping, responses.next(5).getResponseMessage());
        }
        requests.onCompleted();
        assertEquals(Status.Code.OK, responses.awaitStatus(5).getCode());
    }

    @Test
    void emptyStreamEndsWithOkAndNoMessage() throws Exception {
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        async(Behaviour.of()).bidiStreamingRpc(responses).onCompleted();
        assertEquals(Status.Code.OK, responses.awaitStatus(5).getCode());
        assertEquals(List.of(), responses.messages());
    }

    @Test
    void customMetadataIsEchoedInHeadersAndBinaryTrailers() {
        byte[] trailing = {(byte) 0xab, (byte) 0xab, (byte) 0xab, 0, 1, 2};
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        Behaviour behaviour = Behaviour.of().with(Behaviour.ECHO_INITIAL, "test_initial_metadata_value")
                .withBinary(Behaviour.ECHO_TRAILING_BIN, trailing);
        blocking(behaviour).withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
                .unaryRpc(request("meta"));
        assertEquals("test_initial_metadata_value", headers.get().get(Behaviour.ECHO_INITIAL));
        assertArrayEquals(trailing, trailers.get().get(Behaviour.ECHO_TRAILING_BIN));
    }

    @Test
    void customMetadataIsEchoedOnAStream() throws Exception {
        byte[] trailing = {(byte) 0xab, (byte) 0xab, (byte) 0xab};
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        Behaviour behaviour = Behaviour.of().with(Behaviour.ECHO_INITIAL, "stream_initial")
                .withBinary(Behaviour.ECHO_TRAILING_BIN, trailing);
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        StreamObserver<SimpleRequest> requests = async(behaviour)
                .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
                .bidiStreamingRpc(responses);
        requests.onNext(request("one"));
        requests.onCompleted();
        assertEquals(Status.Code.OK, responses.awaitStatus(5).getCode());
        assertEquals("stream_initial", headers.get().get(Behaviour.ECHO_INITIAL));
        assertArrayEquals(trailing, trailers.get().get(Behaviour.ECHO_TRAILING_BIN));
    }

    @Test
    void statusCodeAndMessageReachTheClient() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> blocking(
                Behaviour.of().with(Behaviour.STATUS, 2).with(Behaviour.MESSAGE, "test status message")).unaryRpc(request("s")));
        assertEquals(Status.Code.UNKNOWN, e.getStatus().getCode());
        assertEquals("test status message", e.getStatus().getDescription());
    }

    @Test
    void specialStatusMessageSurvivesPercentEncoding() {
        String special = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈 and 100% \t\n";
        // Header values are ASCII: the message travels URL-encoded and the upstream decodes it.
        String encoded = URLEncoder.encode(special, StandardCharsets.UTF_8);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> blocking(
                Behaviour.of().with(Behaviour.STATUS, 2).with(Behaviour.MESSAGE, encoded)).unaryRpc(request("s")));
        assertEquals(Status.Code.UNKNOWN, e.getStatus().getCode());
        assertEquals(special, e.getStatus().getDescription());
    }

    @Test
    void unimplementedMethodIsAnsweredByTheUpstream() {
        MethodDescriptor<SimpleRequest, SimpleResponse> missing = SimpleServiceGrpc.getUnaryRpcMethod().toBuilder()
                .setFullMethodName("grpc.testing.SimpleService/NoSuchMethod").build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, missing, CallOptions.DEFAULT, request("x")));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("NoSuchMethod"), e.getStatus().getDescription());
    }

    @Test
    void unimplementedServiceIsAnsweredByTheUpstream() {
        MethodDescriptor<SimpleRequest, SimpleResponse> missing = SimpleServiceGrpc.getUnaryRpcMethod().toBuilder()
                .setFullMethodName("grpc.testing.UnimplementedService/UnimplementedCall").build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, missing, CallOptions.DEFAULT, request("x")));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("UnimplementedService"), e.getStatus().getDescription());
    }

    @Test
    void cancelAfterBeginCancelsTheUpstreamCall() throws Exception {
        upstream.service().cancelled().clear();
        upstream.service().started().clear();
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        ClientCall<SimpleRequest, SimpleResponse> call = channel.newCall(SimpleServiceGrpc.getClientStreamingRpcMethod(), CallOptions.DEFAULT);
        StreamObserver<SimpleRequest> requests = ClientCalls.asyncClientStreamingCall(call, responses);
        requests.onNext(request("begin"));
        assertEquals("clientStreamingRpc", upstream.service().started().poll(5, TimeUnit.SECONDS));
        call.cancel("cancelled by the test", null);
        assertEquals(Status.Code.CANCELLED, responses.awaitStatus(5).getCode());
        assertEquals("clientStreamingRpc", upstream.service().cancelled().poll(5, TimeUnit.SECONDS));
    }

    @Test
    void cancelAfterFirstResponseCancelsTheUpstreamCall() throws Exception {
        upstream.service().cancelled().clear();
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        ClientCall<SimpleRequest, SimpleResponse> call = channel.newCall(SimpleServiceGrpc.getBidiStreamingRpcMethod(), CallOptions.DEFAULT);
        StreamObserver<SimpleRequest> requests = ClientCalls.asyncBidiStreamingCall(call, responses);
        requests.onNext(request("first"));
        assertEquals("first", responses.next(5).getResponseMessage());
        call.cancel("cancelled by the test", null);
        assertEquals(Status.Code.CANCELLED, responses.awaitStatus(5).getCode());
        assertEquals("bidiStreamingRpc", upstream.service().cancelled().poll(5, TimeUnit.SECONDS));
    }

    @Test
    void cancellingAQuietServerStreamCancelsTheUpstreamCall() throws Exception {
        upstream.service().cancelled().clear();
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        ClientCall<SimpleRequest, SimpleResponse> quiet = ClientInterceptors.intercept(channel,
                        MetadataUtils.newAttachHeadersInterceptor(Behaviour.of().with(Behaviour.RESPONSES, 1)
                                .with(Behaviour.INTERVAL_MS, 60_000).metadata()))
                .newCall(SimpleServiceGrpc.getServerStreamingRpcMethod(), CallOptions.DEFAULT);
        ClientCalls.asyncServerStreamingCall(quiet, request("quiet"), responses);
        // Its one message comes at once; the end, a minute later.
        assertEquals("quiet0", responses.next(5).getResponseMessage());
        quiet.cancel("the caller went away", null);
        assertEquals(Status.Code.CANCELLED, responses.awaitStatus(5).getCode());
        assertEquals("serverStreamingRpc", upstream.service().cancelled().poll(5, TimeUnit.SECONDS),
                "the upstream call outlived its caller");
    }

    @Test
    void timeoutOnSleepingServerEndsWithDeadlineExceeded() throws Exception {
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        StreamObserver<SimpleRequest> requests = async(Behaviour.of().with(Behaviour.SLEEP_MS, 5000))
                .withDeadlineAfter(300, TimeUnit.MILLISECONDS).bidiStreamingRpc(responses);
        requests.onNext(request("sleepy"));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, responses.awaitStatus(5).getCode());
    }
}

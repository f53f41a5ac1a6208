package io.legate.proxy;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.MethodDescriptor;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.pluginhost.PluginRegistry;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import io.legate.testing.RecordingObserver;
import io.legate.testing.UpstreamServer;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the forwarder counts: every request once, when its reply ends, by the Mapping that routed it, the HTTP
 * status and the grpc-status the caller got; its duration; what is in flight; why upstream exchanges failed.
 */
class RequestMetricsTest {

    private static final SimpleRequest HELLO = SimpleRequest.newBuilder().setRequestMessage("hello").build();
    private static final String PREFIX = "/grpc.testing.SimpleService/";

    private static UpstreamServer upstream;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = UpstreamServer.start();
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        upstream.close();
    }

    private static Gateway routingToUpstream(String... extraSpecLines) throws Exception {
        return Gateway.start(Mappings.grpc("echo", PREFIX, upstream.address(), extraSpecLines));
    }

    private static SimpleServiceGrpc.SimpleServiceBlockingStub stub(Gateway gateway, Behaviour behaviour) {
        return SimpleServiceGrpc.newBlockingStub(gateway.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(behaviour.metadata()));
    }

    private static MetricSamples settled(Gateway gateway) throws Exception {
        return MetricSamples.settled(() -> MetricSamples.of(gateway.metrics().registry()));
    }

    /** The series as the text format writes it, labels in alphabetical order. */
    private static String requests(String mapping, int code, String grpcStatus) {
        return "legate_requests_total{code=\"" + code + "\",grpc_status=\"" + grpcStatus + "\",mapping=\"" + mapping + "\"}";
    }

    private static Status.Code failedCall(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    @Test
    void aCallThatSucceedsIsCountedOnceWithItsMappingHttpStatusAndGrpcStatus() throws Exception {
        try (Gateway gateway = routingToUpstream()) {
            stub(gateway, Behaviour.of()).unaryRpc(HELLO);

            MetricSamples samples = settled(gateway);
            assertEquals(1, samples.value(requests("echo", 200, "0")));
            assertEquals(1, samples.series("legate_requests_total").size(), samples.toString());
            assertEquals(1, samples.value("legate_request_duration_seconds_count{mapping=\"echo\"}"));
        }
    }

    @Test
    void anUpstreamsErrorStatusIsCountedFromItsTrailers() throws Exception {
        try (Gateway gateway = routingToUpstream()) {
            // A reply message first, so that the status travels in trailers rather than trailers-only.
            failedCall(() -> stub(gateway, Behaviour.of().with(Behaviour.STATUS, 5)).unaryRpc(HELLO));

            assertEquals(1, settled(gateway).value(requests("echo", 200, "5")));
        }
    }

    @Test
    void anUpstreamsTrailersOnlyStatusIsCountedFromItsHeaders() throws Exception {
        try (Gateway gateway = routingToUpstream()) {
            Behaviour noMessage = Behaviour.of().with(Behaviour.RESPONSES, 0).with(Behaviour.STATUS, 7);
            Status.Code code = failedCall(() -> stub(gateway, noMessage).serverStreamingRpc(HELLO).forEachRemaining(r -> {
            }));

            assertEquals(Status.Code.PERMISSION_DENIED, code);
            assertEquals(1, settled(gateway).value(requests("echo", 200, "7")));
        }
    }

    @Test
    void aCallWithNoRouteIsCountedWithoutAMappingAsUnimplemented() throws Exception {
        try (Gateway gateway = Gateway.start("")) {
            failedCall(() -> stub(gateway, Behaviour.of()).unaryRpc(HELLO));

            assertEquals(1, settled(gateway).value(requests("", 200, "12")));
        }
    }

    @Test
    void aStatusAnsweredBeforeTheCallerFinishedSendingIsCountedAsTheCallerGotIt() throws Exception {
        try (Gateway gateway = Gateway.start("")) {
            RecordingObserver<SimpleResponse> replies = new RecordingObserver<>();
            // The request stream stays open: Jetty fails the gateway's stream once the reply is out, unread body left.
            SimpleServiceGrpc.newStub(gateway.channel()).bidiStreamingRpc(replies).onNext(HELLO);

            assertEquals(Status.Code.UNIMPLEMENTED, replies.awaitStatus(5).getCode());
            assertEquals(1, settled(gateway).value(requests("", 200, "12")));
        }
    }

    @Test
    void aPlainHttpReplyIsCountedWithItsStatusAndNoGrpcStatus() throws Exception {
        try (Gateway gateway = Gateway.start("")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/nowhere")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(404, response.statusCode());
            assertEquals(1, settled(gateway).value(requests("", 404, "")));
        }
    }

    @Test
    void anUpstreamThatRefusesIsCountedAsUnavailableAndAsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Gateway gateway = Gateway.start(Mappings.grpc("down", PREFIX, "127.0.0.1:" + closedPort))) {
            failedCall(() -> stub(gateway, Behaviour.of()).unaryRpc(HELLO));

            MetricSamples samples = settled(gateway);
            assertEquals(1, samples.value(requests("down", 200, "14")));
            assertEquals(1, samples.value("legate_upstream_failures_total{mapping=\"down\",reason=\"unreachable\"}"));
            assertEquals(1, samples.series("legate_upstream_failures_total").size(), samples.toString());
        }
    }

    @Test
    void aRouteTimeoutIsCountedAsDeadlineExceededAndAsAnUpstreamTimeout() throws Exception {
        try (Gateway gateway = routingToUpstream("timeout_ms: 200")) {
            failedCall(() -> stub(gateway, Behaviour.of().with(Behaviour.SLEEP_MS, 3000)).unaryRpc(HELLO));

            MetricSamples samples = settled(gateway);
            assertEquals(1, samples.value(requests("echo", 200, "4")));
            assertEquals(1, samples.value("legate_upstream_failures_total{mapping=\"echo\",reason=\"timeout\"}"));
        }
    }

    @Test
    void aCallTheCallerCancelsIsCountedOnceWithoutAGrpcStatusNorAnUpstreamFailure() throws Exception {
        try (Gateway gateway = routingToUpstream()) {
            Behaviour slowStream = Behaviour.of().with(Behaviour.RESPONSES, 100).with(Behaviour.INTERVAL_MS, 50);
            Context.CancellableContext call = Context.current().withCancellation();
            call.run(() -> {
                Iterator<SimpleResponse> replies = stub(gateway, slowStream).serverStreamingRpc(HELLO);
                replies.next();
                call.cancel(null);
            });

            assertEquals("serverStreamingRpc", upstream.service().cancelled().poll(5, TimeUnit.SECONDS));
            MetricSamples samples = settled(gateway);
            assertEquals(0, samples.value("legate_requests_in_flight"));
            assertEquals(1, samples.value(requests("echo", 200, "")));
            assertEquals(1, samples.series("legate_requests_total").size(), samples.toString());
            assertEquals(0, samples.series("legate_upstream_failures_total").size(), samples.toString());
        }
    }

    @Test
    void aCallTheCallerCancelsBeforeAnyReplyIsCountedWithCodeZeroAndNoUpstreamFailure() throws Exception {
        try (Gateway gateway = routingToUpstream()) {
            Behaviour slow = Behaviour.of().with(Behaviour.SLEEP_MS, 10_000);
            ClientCall<SimpleRequest, SimpleResponse> call = startCall(gateway, slow, SimpleServiceGrpc.getUnaryRpcMethod());
            call.sendMessage(HELLO);
            call.halfClose();

            MetricSamples samples = cancelledOnceUpstream(gateway, call, "unaryRpc");

            assertEquals(1, samples.value(requests("echo", 0, "")), samples.toString());
            assertEquals(1, samples.series("legate_requests_total").size(), samples.toString());
            assertEquals(0, samples.series("legate_upstream_failures_total").size(), samples.toString());
        }
    }

    @Test
    void aCallTheCallerCancelsWhileStillSendingIsNoUpstreamFailure() throws Exception {
        try (Gateway gateway = routingToUpstream()) {
            ClientCall<SimpleRequest, SimpleResponse> call =
                    startCall(gateway, Behaviour.of(), SimpleServiceGrpc.getClientStreamingRpcMethod());
            call.sendMessage(HELLO);

            MetricSamples samples = cancelledOnceUpstream(gateway, call, "clientStreamingRpc");

            assertEquals(1, samples.value(requests("echo", 0, "")), samples.toString());
            assertEquals(0, samples.series("legate_upstream_failures_total").size(), samples.toString());
        }
    }

    /**
     * A caller whose body its connection cannot read (a chunk size that is no number) after its first message went
     * upstream: the gateway tells it its own request failed, and nothing is put down to the upstream.
     */
    @Test
    void aCallerWhoseBodyBreaksOffIsToldItsRequestFailedAndNoUpstreamFailureIsCounted() throws Exception {
        try (Gateway gateway = routingToUpstream(); Socket socket = new Socket("127.0.0.1", gateway.port())) {
            upstream.service().started().clear();
            byte[] frame = HELLO.toByteArray();
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + PREFIX + "ClientStreamingRpc HTTP/1.1\r\nHost: echo\r\nContent-Type: application/grpc"
                    + "\r\nTE: trailers\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(5 + frame.length)
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(ByteBuffer.allocate(5 + frame.length).put((byte) 0).putInt(frame.length).put(frame).array());
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitUpstream(upstream.service().started(), "clientStreamingRpc");

            out.write("not a chunk size\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(reply.contains("grpc-status: 1\r\n") && reply.contains("the caller's request failed"), reply);
            MetricSamples samples = settled(gateway);
            assertEquals(0, samples.series("legate_upstream_failures_total").size(), samples.toString());
        }
    }

    /** Starts a call with nothing sent yet; the upstream's record of calls is emptied of earlier tests' first. */
    private static ClientCall<SimpleRequest, SimpleResponse> startCall(Gateway gateway, Behaviour behaviour,
            MethodDescriptor<SimpleRequest, SimpleResponse> method) {
        upstream.service().started().clear();
        upstream.service().cancelled().clear();
        ClientCall<SimpleRequest, SimpleResponse> call = ClientInterceptors.intercept(gateway.channel(),
                MetadataUtils.newAttachHeadersInterceptor(behaviour.metadata())).newCall(method, CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
        }, new Metadata());
        call.request(1);
        return call;
    }

    /** Cancels {@code call} once the upstream runs it; the samples once the upstream saw the cancellation. */
    private static MetricSamples cancelledOnceUpstream(Gateway gateway, ClientCall<?, ?> call, String method)
            throws Exception {
        awaitUpstream(upstream.service().started(), method);
        call.cancel("the caller gives up", null);
        awaitUpstream(upstream.service().cancelled(), method);
        return settled(gateway);
    }

    /** Waits until the upstream tells of {@code method} in {@code events}, passing those of earlier tests' calls. */
    private static void awaitUpstream(BlockingQueue<String> events, String method) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String event = events.poll(5, TimeUnit.SECONDS);
            assertNotNull(event, "the upstream saw no " + method);
            if (event.equals(method)) {
                return;
            }
        }
        throw new AssertionError("the upstream saw no " + method);
    }

    @Test
    void aCallIsInFlightUntilItEnds() throws Exception {
        try (Gateway gateway = routingToUpstream()) {
            Behaviour slowStream = Behaviour.of().with(Behaviour.RESPONSES, 100).with(Behaviour.INTERVAL_MS, 50);
            Context.CancellableContext call = Context.current().withCancellation();
            double inFlight = call.call(() -> {
                stub(gateway, slowStream).serverStreamingRpc(HELLO).next();
                return MetricSamples.of(gateway.metrics().registry()).value("legate_requests_in_flight");
            });
            call.cancel(null);

            assertEquals(1, inFlight);
            assertEquals(0, settled(gateway).value("legate_requests_in_flight"));
        }
    }

    @Test
    void aCallsDurationIsObservedUpToTheEndOfItsReply() throws Exception {
        try (Gateway gateway = routingToUpstream()) {
            long start = System.nanoTime();
            stub(gateway, Behaviour.of().with(Behaviour.SLEEP_MS, 300)).unaryRpc(HELLO);
            double callerSeconds = (System.nanoTime() - start) / 1e9;

            MetricSamples samples = settled(gateway);
            assertEquals(0, samples.value("legate_request_duration_seconds_bucket{mapping=\"echo\",le=\"0.25\"}"));
            assertEquals(1, samples.value("legate_request_duration_seconds_bucket{mapping=\"echo\",le=\"+Inf\"}"));
            double seconds = samples.value("legate_request_duration_seconds_sum{mapping=\"echo\"}");
            // The gateway's stream ends a moment after the caller read the reply; a busy machine stretches both.
            assertTrue(seconds >= 0.3 && seconds < callerSeconds + 1, "observed " + seconds + " s, the caller waited "
                    + callerSeconds + " s");
        }
    }

    @Test
    void aPluginsReplyIsCountedWithTheMappingTheRequestWouldHaveTaken() throws Exception {
        try (Gateway gateway = Gateway.startWithResources(Mappings.grpc("echo", PREFIX, upstream.address()),
                PluginRegistry.of(new ScriptedPlugin()))) {
            Metadata script = new Metadata();
            script.put(Metadata.Key.of("x-script", Metadata.ASCII_STRING_MARSHALLER), "reject");
            Status.Code code = failedCall(() -> SimpleServiceGrpc.newBlockingStub(gateway.channel())
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(script)).unaryRpc(HELLO));

            assertEquals(Status.Code.UNAUTHENTICATED, code);
            assertEquals(1, settled(gateway).value(requests("echo", 200, "16")));
        }
    }

    @Test
    void eachRouteTableSwappedInIsCountedAndItsRoutesShown() throws Exception {
        try (Gateway gateway = routingToUpstream()) {
            gateway.apply(Mappings.grpc("a", "/a/", upstream.address()) + Mappings.grpc("b", "/b/", upstream.address()));

            MetricSamples samples = MetricSamples.of(gateway.metrics().registry());
            assertEquals(1, samples.value("legate_route_table_swaps_total"));
            assertEquals(2, samples.value("legate_routes"));
        }
    }

    @Test
    void gatewaysInOneProcessCountApart() throws Exception {
        try (Gateway counted = routingToUpstream(); Gateway other = routingToUpstream()) {
            stub(counted, Behaviour.of()).unaryRpc(HELLO);

            assertEquals(1, settled(counted).value(requests("echo", 200, "0")));
            assertEquals(0, settled(other).series("legate_requests_total").size());
        }
    }

    @Test
    void theJvmsMetricsAreShownBesideTheGateways() throws Exception {
        try (Gateway gateway = Gateway.start("")) {
            MetricSamples samples = MetricSamples.of(gateway.metrics().registry());

            assertTrue(samples.value("jvm_memory_used_bytes{area=\"heap\"}") > 0);
            assertTrue(samples.value("jvm_threads_current") > 0);
            assertTrue(samples.series("jvm_gc_collection_seconds").size() > 0, samples.toString());
        }
    }
}

package io.legate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.config.PeerLimits;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import io.legate.testing.RecordingObserver;
import io.legate.testing.UpstreamServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code limits.max_requests_in_flight}: a request over it is answered at once, the others carry on. */
class OverloadTest {

    private static final String PREFIX = "/grpc.testing.SimpleService/";
    private static final SimpleRequest HELLO = SimpleRequest.newBuilder().setRequestMessage("hello").build();
    private static final int LIMIT = 3;

    private static Gateway limitedTo(UpstreamServer upstream, int requests) throws Exception {
        return Gateway.start(Mappings.grpc("echo", PREFIX, upstream.address()),
                Gateway.loopback().withLimits(PeerLimits.defaults().withMaxRequestsInFlight(requests)));
    }

    /** {@code count} calls that the upstream holds for a minute, each seen by it before this returns. */
    private static void holdCalls(Gateway gateway, UpstreamServer upstream, int count) throws Exception {
        SimpleServiceGrpc.SimpleServiceStub slow = SimpleServiceGrpc.newStub(gateway.channel()).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(Behaviour.of().with(Behaviour.SLEEP_MS, 60_000).metadata()));
        for (int i = 0; i < count; i++) {
            slow.unaryRpc(HELLO, new RecordingObserver<SimpleResponse>());
        }
        for (int i = 0; i < count; i++) {
            assertNotNull(upstream.service().started().poll(10, TimeUnit.SECONDS), "held call " + i + " never started");
        }
    }

    @Test
    void aGrpcCallOverTheLimitIsRefusedAtOnceAsResourceExhausted() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start(); Gateway gateway = limitedTo(upstream, LIMIT)) {
            holdCalls(gateway, upstream, LIMIT);

            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () ->
                    SimpleServiceGrpc.newBlockingStub(gateway.channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
                            .unaryRpc(HELLO));

            assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode(), refused.toString());
            assertEquals(1, MetricSamples.of(gateway.metrics().registry())
                    .value("legate_refused_total{reason=\"requests_in_flight\"}"));
        }
    }

    @Test
    void aRequestOverTheLimitThatIsNotGrpcGets503() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start(); Gateway gateway = limitedTo(upstream, LIMIT)) {
            holdCalls(gateway, upstream, LIMIT);

            HttpResponse<String> refused = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/anything")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(503, refused.statusCode(), refused.body());
        }
    }

    @Test
    void callsUnderTheLimitAreServed() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start(); Gateway gateway = limitedTo(upstream, LIMIT)) {
            holdCalls(gateway, upstream, LIMIT - 1);

            SimpleResponse reply = SimpleServiceGrpc.newBlockingStub(gateway.channel())
                    .withDeadlineAfter(5, TimeUnit.SECONDS).unaryRpc(HELLO);

            assertNotNull(reply);
        }
    }
}

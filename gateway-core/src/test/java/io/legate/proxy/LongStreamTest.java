package io.legate.proxy;

import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.config.PeerLimits;
import io.legate.server.ListenerSettings;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.RecordingObserver;
import io.legate.testing.UpstreamServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long, quiet gRPC streams live: no whole-request timeout on gRPC routes, and no idle timeout of Jetty's listener,
 * proxy or HTTP client cuts them. The listener's connection idle timeout, the one left active, is lowered to 500 ms
 * here, so the test is short while the stream outlives it several times over; the others are off by default.
 */
class LongStreamTest {

    private static final PeerLimits SHORT_IDLE = new PeerLimits(16 * 1024, 16 * 1024, 10_000, 500, 1000, 1000, 128, 0);

    @Test
    void aQuietServerStreamOutlivesEveryIdleTimeout() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.start(Mappings.grpc("s", "/grpc.testing.SimpleService/", upstream.address()), SHORT_IDLE)) {
            RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
            SimpleServiceGrpc.newStub(gateway.channel())
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                            Behaviour.of().with(Behaviour.RESPONSES, 3).with(Behaviour.INTERVAL_MS, 1500).metadata()))
                    .serverStreamingRpc(SimpleRequest.newBuilder().setRequestMessage("w").build(), responses);
            Status status = responses.awaitStatus(15);
            assertEquals(Status.Code.OK, status.getCode(), status.toString());
            assertEquals(3, responses.messages().size());
        }
    }

    @Test
    void aQuietBidiStreamOutlivesEveryIdleTimeout() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.start(Mappings.grpc("s", "/grpc.testing.SimpleService/", upstream.address()), SHORT_IDLE)) {
            RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
            StreamObserver<SimpleRequest> requests = SimpleServiceGrpc.newStub(gateway.channel()).bidiStreamingRpc(responses);
            for (int i = 0; i < 3; i++) {
                requests.onNext(SimpleRequest.newBuilder().setRequestMessage("tick" + i).build());
                assertEquals("tick" + i, responses.next(5).getResponseMessage());
                Thread.sleep(1500);
            }
            requests.onCompleted();
            assertEquals(Status.Code.OK, responses.awaitStatus(5).getCode());
        }
    }

    @Test
    void theProductDefaultsSetNoStreamTimeout() {
        assertEquals(-1, ListenerSettings.defaults().streamIdleTimeoutMs());
        assertEquals(0, UpstreamSettings.defaults().connectionIdleTimeoutMs());
        assertTrue(PeerLimits.defaults().idleTimeoutMs() >= 60_000);
    }
}

package io.legate.admin;

import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Mappings;
import io.legate.testing.RecordingObserver;
import io.legate.testing.UpstreamServer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Routes change under gRPC load: calls on routes that stay mapped never fail, each change is seen by the next
 * call, and a stream whose Mapping is deleted goes on to its end.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LiveApplyTest extends AdminGatewayTest {

    private static final String SERVICE = "/grpc.testing.SimpleService/";
    private static final int CHANGES = 100;

    private UpstreamServer upstream;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = UpstreamServer.start();
    }

    @AfterEach
    void stopUpstream() throws Exception {
        upstream.close();
    }

    /** A Mapping of one method of the service, so that Mappings of the stable and the changing calls stay apart. */
    private String mapping(String name, String method, String... extra) {
        return Mappings.grpc(name, SERVICE + method, upstream.address(), extra);
    }

    private ManagedChannel channel() {
        return NettyChannelBuilder.forAddress("127.0.0.1", admin.httpPort()).usePlaintext().build();
    }

    private static String unary(ManagedChannel channel, String message) {
        return SimpleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .unaryRpc(SimpleRequest.newBuilder().setRequestMessage(message).build()).getResponseMessage();
    }

    @Test
    void a100ChangesUnderLoadFailNoCallOnAStableRouteAndEachIsSeenByTheNextCall() throws Exception {
        admin.post("/api/v1/apply", YAML, mapping("unary", "UnaryRpc") + mapping("stream", "BidiStreamingRpc"));
        ManagedChannel stable = channel();
        ManagedChannel churn = channel();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Thread load = new Thread(() -> {
            while (running.get()) {
                try {
                    assertEquals("ping", unary(stable, "ping"));
                    calls.incrementAndGet();
                } catch (Throwable e) {
                    failures.incrementAndGet();
                }
            }
        });
        RecordingObserver<SimpleResponse> streamed = new RecordingObserver<>();
        StreamObserver<SimpleRequest> stream = SimpleServiceGrpc.newStub(stable).bidiStreamingRpc(streamed);
        load.start();
        try {
            for (int i = 0; i < CHANGES; i++) {
                boolean mapped = i % 3 != 2;
                int status = mapped
                        ? admin.put("/api/v1/mappings/churn", YAML, mapping("churn", "ClientStreamingRpc", "precedence: " + i)).statusCode()
                        : admin.delete("/api/v1/mappings/churn").statusCode();
                assertTrue(status == 200 || status == 201 || status == 204, "change " + i + ": " + status);
                assertEquals(mapped, routes(churn), "change " + i);
                stream.onNext(SimpleRequest.newBuilder().setRequestMessage("tick" + i).build());
                assertEquals("tick" + i, streamed.next(5).getResponseMessage());
            }
            stream.onCompleted();
            assertEquals(Status.Code.OK, streamed.awaitStatus(5).getCode());
        } finally {
            running.set(false);
            load.join(10_000);
            stable.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            churn.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertEquals(0, failures.get(), "failed calls on the stable route, of " + calls.get());
        assertTrue(calls.get() > 0);
    }

    @Test
    void aStreamWhoseMappingIsDeletedGoesOnToItsEnd() throws Exception {
        admin.put("/api/v1/mappings/doomed", YAML, mapping("doomed", "BidiStreamingRpc"));
        ManagedChannel channel = channel();
        try {
            RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
            StreamObserver<SimpleRequest> stream = SimpleServiceGrpc.newStub(channel).bidiStreamingRpc(responses);
            stream.onNext(SimpleRequest.newBuilder().setRequestMessage("before").build());
            assertEquals("before", responses.next(5).getResponseMessage());

            assertEquals(204, admin.delete("/api/v1/mappings/doomed").statusCode());
            stream.onNext(SimpleRequest.newBuilder().setRequestMessage("after").build());

            assertEquals("after", responses.next(5).getResponseMessage());
            stream.onCompleted();
            assertEquals(Status.Code.OK, responses.awaitStatus(5).getCode());
            RecordingObserver<SimpleResponse> next = new RecordingObserver<>();
            SimpleServiceGrpc.newStub(channel).bidiStreamingRpc(next).onCompleted();
            assertEquals(Status.Code.UNIMPLEMENTED, next.awaitStatus(5).getCode(), "a new call has no route");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Whether a client-streaming call on {@code channel} is routed: it succeeds, or the gateway says UNIMPLEMENTED. */
    private static boolean routes(ManagedChannel channel) throws Exception {
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        StreamObserver<SimpleRequest> call = SimpleServiceGrpc.newStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .clientStreamingRpc(responses);
        call.onNext(SimpleRequest.newBuilder().setRequestMessage("probe").build());
        call.onCompleted();
        Status status = responses.awaitStatus(5);
        assertTrue(status.isOk() || status.getCode() == Status.Code.UNIMPLEMENTED, status::toString);
        return status.isOk();
    }
}

package io.legate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.server.ListenerSettings;
import io.legate.testing.Gateway;
import io.legate.testing.H2Frames;
import io.legate.testing.HostileUpstream;
import io.legate.testing.HelloWorld;
import io.legate.testing.Mappings;
import io.legate.testing.NamedGreeter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pooled upstream connections are PINGed, and one whose peer stopped answering is closed. */
class UpstreamKeepaliveTest {

    @Test
    void aCallOnAConnectionWhosePeerStoppedAnsweringPingsFailsInsteadOfWaitingForItsDeadline() throws Exception {
        // Answers with headers and then nothing: the stream stays open, and PINGs go unanswered.
        try (HostileUpstream silent = HostileUpstream.start((out, stream) -> out.write(H2Frames.frame(H2Frames.HEADERS,
                H2Frames.END_HEADERS, stream, H2Frames.block(":status", "200", "content-type", "application/grpc"))));
             Gateway gateway = Gateway.start(Mappings.grpc("silent", "/", silent.address()), ListenerSettings.defaults(),
                     UpstreamSettings.defaults().withKeepalivePingMs(200))) {
            long start = System.nanoTime();
            StatusRuntimeException failure = assertThrows(StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(gateway.channel(), SimpleServiceGrpc.getUnaryRpcMethod(),
                            CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                            SimpleRequest.getDefaultInstance()));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(Status.Code.UNAVAILABLE, failure.getStatus().getCode(), failure.getStatus().toString());
            // Without the PINGs it would wait for its deadline, and fail DEADLINE_EXCEEDED.
            assertTrue(tookMs < 15_000, "failed after " + tookMs + " ms");
        }
    }

    @Test
    void aConnectionOlderThanItsLifetimeTakesNoNewCallsAndTheNextOpensAFreshOne() throws Exception {
        try (NamedGreeter greeter = NamedGreeter.start("a");
             Gateway gateway = Gateway.start(Mappings.grpc("greeter", "/", "127.0.0.1:" + greeter.port(),
                     "cluster_max_connection_lifetime_ms: 200"))) {
            hello(gateway);
            assertEquals(1, greeter.connections());
            Thread.sleep(200 + 300);
            hello(gateway);
            assertEquals(2, greeter.connections());
            assertEquals(2, greeter.calls());
        }
    }

    private static void hello(Gateway gateway) {
        ClientCalls.blockingUnaryCall(gateway.channel(), HelloWorld.SAY_HELLO,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), StringValue.of("x"));
    }
}

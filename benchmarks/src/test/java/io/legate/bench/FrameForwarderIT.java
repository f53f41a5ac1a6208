package io.legate.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code jetty-frames} reference row forwards gRPC calls whole: a real grpc-java client and upstream. */
class FrameForwarderIT {

    private static Upstream upstream;
    private static Server forwarder;

    @BeforeAll
    static void start() throws Exception {
        upstream = Upstream.start(0);
        forwarder = FrameForwarder.start(0, upstream.address());
    }

    @AfterAll
    static void stop() throws Exception {
        if (forwarder != null) {
            forwarder.stop();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static CallOptions withDeadline() {
        return CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Test
    void aUnaryCallGetsTheUpstreamsReplyWithStatusOk() throws Exception {
        try (Channels channels = new Channels("127.0.0.1:" + ReferenceRow.port(forwarder), 1, null)) {
            StringValue reply = ClientCalls.blockingUnaryCall(channels.get(0), BenchService.SAY_HELLO, withDeadline(),
                    StringValue.of("frames"));

            assertEquals("Hello, frames", reply.getValue());
        }
    }

    @Test
    void aServerStreamDeliversEveryMessageThenStatusOk() throws Exception {
        int count = 200;
        int size = 64 * 1024;
        try (Channels channels = new Channels("127.0.0.1:" + ReferenceRow.port(forwarder), 1, null)) {
            Iterator<byte[]> replies = ClientCalls.blockingServerStreamingCall(channels.get(0), BenchService.FLOOD,
                    withDeadline(), BenchService.floodRequest(count, size));

            int received = 0;
            // hasNext() throws unless the stream ended with status OK.
            while (replies.hasNext()) {
                assertArrayEquals(new byte[size], replies.next(), "message " + received);
                received++;
            }
            assertEquals(count, received);
        }
    }

    @Test
    void aCallToAnUpstreamThatIsDownIsResetAtOnce() throws Exception {
        Upstream stopped = Upstream.start(0);
        String down = stopped.address();
        stopped.close();
        Server nowhere = FrameForwarder.start(0, down);
        try (Channels channels = new Channels("127.0.0.1:" + ReferenceRow.port(nowhere), 1, null)) {
            StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> ClientCalls
                    .blockingUnaryCall(channels.get(0), BenchService.SAY_HELLO, withDeadline(), StringValue.of("x")));

            assertEquals(Status.Code.CANCELLED, failure.getStatus().getCode(), failure.getStatus().toString());
        } finally {
            nowhere.stop();
        }
    }
}

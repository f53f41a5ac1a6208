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
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference rows {@code jetty-frames} and {@code jetty-servlet} forward gRPC calls whole: a real grpc-java
 * client and upstream.
 */
class ReferenceRowsIT {

    private static Upstream upstream;

    static Stream<Arguments> rows() {
        return Stream.of(Arguments.of(Named.of("jetty-frames", (ReferenceRow.Start) FrameForwarder::start)),
                Arguments.of(Named.of("jetty-servlet", (ReferenceRow.Start) ServletForwarder::start)));
    }

    @BeforeAll
    static void start() throws Exception {
        upstream = Upstream.start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
    }

    private static CallOptions withDeadline() {
        return CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @MethodSource("rows")
    void aUnaryCallGetsTheUpstreamsReplyWithStatusOk(ReferenceRow.Start row) throws Exception {
        Server forwarder = row.start(0, upstream.address());
        try (Channels channels = new Channels("127.0.0.1:" + ReferenceRow.port(forwarder), 1, null)) {
            StringValue reply = ClientCalls.blockingUnaryCall(channels.get(0), BenchService.SAY_HELLO, withDeadline(),
                    StringValue.of("frames"));

            assertEquals("Hello, frames", reply.getValue());
        } finally {
            forwarder.stop();
        }
    }

    @ParameterizedTest
    @MethodSource("rows")
    void aServerStreamDeliversEveryMessageThenStatusOk(ReferenceRow.Start row) throws Exception {
        int count = 200;
        int size = 64 * 1024;
        Server forwarder = row.start(0, upstream.address());
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
        } finally {
            forwarder.stop();
        }
    }

    @ParameterizedTest
    @MethodSource("rows")
    void aCallToAnUpstreamThatIsDownIsResetAtOnce(ReferenceRow.Start row) throws Exception {
        Upstream stopped = Upstream.start(0);
        String down = stopped.address();
        stopped.close();
        Server nowhere = row.start(0, down);
        try (Channels channels = new Channels("127.0.0.1:" + ReferenceRow.port(nowhere), 1, null)) {
            StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> ClientCalls
                    .blockingUnaryCall(channels.get(0), BenchService.SAY_HELLO, withDeadline(), StringValue.of("x")));

            assertEquals(Status.Code.CANCELLED, failure.getStatus().getCode(), failure.getStatus().toString());
        } finally {
            nowhere.stop();
        }
    }
}

package io.legate.hostile;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.RecordingObserver;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The calls that must carry on while a hostile peer does its worst: a server stream in flight on the attacked
 * connection, and fresh unary calls on it and on a connection of their own.
 */
final class Neighbours {

    /** The prefix the healthy upstream is routed by. */
    static final String HEALTHY = "/grpc.testing.SimpleService/";

    private final RecordingObserver<SimpleResponse> stream = new RecordingObserver<>();

    /** Starts a server stream of 3 replies 300 ms apart on {@code channel}: in flight while the attack runs. */
    static Neighbours inFlightOn(Channel channel) throws Exception {
        Neighbours neighbours = new Neighbours();
        SimpleServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                        Behaviour.of().with(Behaviour.RESPONSES, 3).with(Behaviour.INTERVAL_MS, 300).metadata()))
                .serverStreamingRpc(SimpleRequest.newBuilder().setRequestMessage("neighbour").build(), neighbours.stream);
        // The first reply proves the stream is open on the connection before the attack starts.
        neighbours.stream.next(10);
        return neighbours;
    }

    /** The stream in flight ended well, and a fresh call succeeds on {@code channel} and on a new connection. */
    void carriedOn(Channel channel, int gatewayPort) throws Exception {
        Status status = stream.awaitStatus(10);
        assertEquals(Status.Code.OK, status.getCode(), "the stream in flight on the same connection: " + status);
        assertEquals(3, stream.messages().size(), "the stream in flight got every reply");
        unaryWorks(channel);
        ManagedChannel other = plaintext(gatewayPort);
        try {
            unaryWorks(other);
        } finally {
            other.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static void unaryWorks(Channel channel) {
        SimpleResponse reply = SimpleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("still here").build());
        assertEquals("still here", reply.getResponseMessage());
    }

    static ManagedChannel plaintext(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    /** A unary call of {@code fullMethod} (e.g. {@code hostile.Service/Call}) with SimpleService's messages; its status. */
    static Status call(Channel channel, String fullMethod) {
        MethodDescriptor<SimpleRequest, SimpleResponse> method =
                SimpleServiceGrpc.getUnaryRpcMethod().toBuilder().setFullMethodName(fullMethod).build();
        try {
            ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                    SimpleRequest.getDefaultInstance());
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }
}

package io.legate.bench;

import com.google.protobuf.StringValue;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The services of the benchmark, without generated code.
 * <ul>
 * <li>{@code helloworld.Greeter/SayHello}: {@code HelloRequest{string name = 1}} and {@code HelloReply{string
 * message = 1}} are, on the wire, {@code StringValue}; it answers {@code Hello, <name>}.</li>
 * <li>{@code bench.Stream/Flood}: the request is 8 raw bytes, a message count and a message size (two big-endian
 * ints); the reply is that many messages of that size, sent as fast as flow control lets them go.</li>
 * <li>{@code bench.Stream/Hold}: one empty message, then the stream stays open until the caller cancels it.</li>
 * </ul>
 */
public final class BenchService {

    public static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    public static final MethodDescriptor<StringValue, StringValue> SAY_HELLO =
            MethodDescriptor.<StringValue, StringValue>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName("helloworld.Greeter/SayHello")
                    .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                    .build();

    public static final MethodDescriptor<byte[], byte[]> FLOOD = streaming("bench.Stream/Flood");
    public static final MethodDescriptor<byte[], byte[]> HOLD = streaming("bench.Stream/Hold");

    private BenchService() {
    }

    private static MethodDescriptor<byte[], byte[]> streaming(String name) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
                .setFullMethodName(name)
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }

    /** A Flood request: {@code count} messages of {@code size} bytes. */
    public static byte[] floodRequest(int count, int size) {
        return ByteBuffer.allocate(8).putInt(count).putInt(size).array();
    }

    public static ServerServiceDefinition greeter() {
        return ServerServiceDefinition.builder("helloworld.Greeter")
                .addMethod(SAY_HELLO, ServerCalls.asyncUnaryCall((request, reply) -> {
                    reply.onNext(StringValue.of("Hello, " + request.getValue()));
                    reply.onCompleted();
                }))
                .build();
    }

    public static ServerServiceDefinition stream() {
        return ServerServiceDefinition.builder("bench.Stream")
                .addMethod(FLOOD, ServerCalls.asyncServerStreamingCall(BenchService::flood))
                .addMethod(HOLD, ServerCalls.asyncServerStreamingCall((request, reply) -> {
                    ServerCallStreamObserver<byte[]> call = (ServerCallStreamObserver<byte[]>) reply;
                    call.setOnCancelHandler(() -> { });
                    call.onNext(new byte[0]);
                }))
                .build();
    }

    private static void flood(byte[] request, StreamObserver<byte[]> reply) {
        ByteBuffer args = ByteBuffer.wrap(request);
        int count = args.getInt();
        byte[] payload = new byte[args.getInt()];
        ServerCallStreamObserver<byte[]> call = (ServerCallStreamObserver<byte[]>) reply;
        int[] sent = {0};
        call.setOnCancelHandler(() -> sent[0] = Integer.MAX_VALUE);
        // onReady runs on the call's serialized executor, so the counter needs no lock.
        call.setOnReadyHandler(() -> {
            while (sent[0] < count && call.isReady()) {
                call.onNext(payload);
                sent[0]++;
            }
            if (sent[0] == count) {
                sent[0] = Integer.MAX_VALUE;
                call.onCompleted();
            }
        });
    }
}

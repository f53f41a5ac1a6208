package io.legate.testing;

import com.google.protobuf.StringValue;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;

/**
 * The helloworld {@code Greeter} without generated code: {@code HelloRequest{string name = 1}} and
 * {@code HelloReply{string message = 1}} are, on the wire, exactly {@code StringValue}.
 */
public final class HelloWorld {

    public static final MethodDescriptor<StringValue, StringValue> SAY_HELLO = MethodDescriptor.<StringValue, StringValue>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("helloworld.Greeter/SayHello")
            .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
            .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
            .build();

    private HelloWorld() {
    }

    /** Answers {@code Hello, <name>}, as the examples of grpc-java and grpc Python do. */
    public static ServerServiceDefinition greeter() {
        return ServerServiceDefinition.builder("helloworld.Greeter")
                .addMethod(SAY_HELLO, ServerCalls.asyncUnaryCall((request, reply) -> {
                    reply.onNext(StringValue.of("Hello, " + request.getValue()));
                    reply.onCompleted();
                }))
                .build();
    }
}

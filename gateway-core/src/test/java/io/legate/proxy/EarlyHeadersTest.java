package io.legate.proxy;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Gateway;
import io.legate.testing.H2Frames;
import io.legate.testing.HostileUpstream;
import io.legate.testing.Mappings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A gRPC reply's headers reach the caller as soon as the upstream sends them, not with its first message. */
class EarlyHeadersTest {

    private static final Metadata.Key<String> WATCH = Metadata.Key.of("x-watch", Metadata.ASCII_STRING_MARSHALLER);

    @Test
    void headersAnUpstreamSendsBeforeItsFirstMessageReachTheCallerAtOnce() throws Exception {
        // A watch or a long poll: the upstream sends its headers, then nothing until something happens.
        byte[] headers = H2Frames.block(":status", "200", "content-type", "application/grpc", "x-watch", "started");
        try (HostileUpstream upstream = HostileUpstream.start((out, stream) ->
                out.write(H2Frames.frame(H2Frames.HEADERS, H2Frames.END_HEADERS, stream, headers)));
             Gateway gateway = Gateway.start(Mappings.grpc("watch", "/grpc.testing.SimpleService/", upstream.address()))) {
            ManagedChannel channel = gateway.channel();
            MethodDescriptor<SimpleRequest, SimpleResponse> method = SimpleServiceGrpc.getServerStreamingRpcMethod();
            ClientCall<SimpleRequest, SimpleResponse> call = channel.newCall(method,
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
            CompletableFuture<Metadata> received = new CompletableFuture<>();
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onHeaders(Metadata metadata) {
                    received.complete(metadata);
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    received.completeExceptionally(status.asRuntimeException());
                }
            }, new Metadata());
            call.sendMessage(SimpleRequest.getDefaultInstance());
            call.halfClose();

            assertEquals("started", received.get(1, TimeUnit.SECONDS).get(WATCH));
            call.cancel("done", null);
        }
    }
}

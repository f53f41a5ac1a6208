package io.legate.plugins.authservice;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.legate.testing.HelloWorld;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real gRPC upstream (the helloworld Greeter) that records the metadata of each call it gets. */
final class RecordingUpstream implements AutoCloseable {

    private final BlockingQueue<Metadata> calls = new LinkedBlockingQueue<>();
    private final Server server;

    RecordingUpstream() throws Exception {
        ServerInterceptor recording = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                calls.add(headers);
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(HelloWorld.greeter(), recording))
                .build()
                .start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** The metadata of the next call, or null when none came within 5 s. */
    Metadata nextCall() throws InterruptedException {
        return calls.poll(5, TimeUnit.SECONDS);
    }

    /** Whether no call came in since the last {@link #forget()}. */
    boolean calledNothing() {
        return calls.isEmpty();
    }

    /** Forgets the calls recorded so far. */
    void forget() {
        calls.clear();
    }

    static String header(Metadata call, String name) {
        return call.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}

package io.legate.testing;

import com.google.protobuf.StringValue;
import io.grpc.Attributes;
import io.grpc.Server;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One member of a fleet of upstreams: a real grpc-java server on a loopback port whose {@code helloworld.Greeter}
 * answers with its own name, counting the calls it got.
 */
public final class NamedGreeter implements AutoCloseable {

    private final String name;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final HealthStatusManager health = new HealthStatusManager();
    private final Server server;

    private NamedGreeter(String name, Status failure) throws IOException {
        this.name = name;
        ServerServiceDefinition greeter = ServerServiceDefinition.builder("helloworld.Greeter")
                .addMethod(HelloWorld.SAY_HELLO, ServerCalls.asyncUnaryCall((request, reply) -> {
                    calls.incrementAndGet();
                    if (failure != null) {
                        // Nothing sent before: grpc-java answers trailers-only, the status in the headers.
                        reply.onError(failure.asRuntimeException());
                        return;
                    }
                    reply.onNext(StringValue.of(name));
                    reply.onCompleted();
                }))
                .build();
        serving(true);
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(greeter)
                .addService(health.getHealthService())
                .addTransportFilter(new ServerTransportFilter() {
                    @Override
                    public Attributes transportReady(Attributes transport) {
                        connections.incrementAndGet();
                        return transport;
                    }
                })
                .build()
                .start();
    }

    public static NamedGreeter start(String name) throws IOException {
        return new NamedGreeter(name, null);
    }

    /** A member that fails every call with {@code failure}, sending nothing before. */
    public static NamedGreeter failing(String name, Status failure) throws IOException {
        return new NamedGreeter(name, failure);
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getPort();
    }

    public int calls() {
        return calls.get();
    }

    /** Connections opened to it so far. */
    public int connections() {
        return connections.get();
    }

    /** What {@code grpc.health.v1.Health/Check} answers for {@code helloworld.Greeter}: SERVING or NOT_SERVING. */
    public void serving(boolean serving) {
        health.setStatus("helloworld.Greeter", serving ? HealthCheckResponse.ServingStatus.SERVING
                : HealthCheckResponse.ServingStatus.NOT_SERVING);
    }

    /** Stops at once, as a killed process would: calls in flight fail, connections close. */
    public void kill() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** A Kubernetes {@code Endpoints} resource named {@code name} listing {@code members}, one subset each. */
    public static String endpoints(String name, NamedGreeter... members) {
        return Resources.endpoints(name, Arrays.stream(members).mapToInt(NamedGreeter::port).toArray());
    }
}

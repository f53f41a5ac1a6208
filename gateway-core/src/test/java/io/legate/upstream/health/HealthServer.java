package io.legate.upstream.health;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerTransportFilter;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.legate.tls.CertifiedKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real grpc-java server on a loopback port serving only grpc-java's own health service, whose statuses the test
 * sets. It counts the checks it received and its open connections, and can be told to leave checks unanswered.
 */
final class HealthServer implements AutoCloseable {

    private final HealthStatusManager health = new HealthStatusManager();
    private final Gauge checks = new Gauge();
    private final Gauge connections = new Gauge();
    private final AtomicBoolean silent = new AtomicBoolean();
    private volatile String lastAuthority;
    private final Server server;

    private HealthServer(CertifiedKey certificate) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        if (certificate != null) {
            builder.sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(certificate.key(),
                    certificate.chain().toArray(new X509Certificate[0]))).build());
        }
        server = builder
                .addService(ServerInterceptors.intercept(health.getHealthService(), new Counting()))
                .addTransportFilter(new ServerTransportFilter() {
                    @Override
                    public Attributes transportReady(Attributes attributes) {
                        connections.add(1);
                        return attributes;
                    }

                    @Override
                    public void transportTerminated(Attributes attributes) {
                        connections.add(-1);
                    }
                })
                .build()
                .start();
    }

    static HealthServer start() throws IOException {
        return new HealthServer(null);
    }

    static HealthServer startTls(CertifiedKey certificate) throws IOException {
        return new HealthServer(certificate);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getPort());
    }

    /** {@code service} ("" for the server as a whole) answers {@code status} from now on. */
    void set(String service, ServingStatus status) {
        health.setStatus(service, status);
    }

    /** Checks from now on get no answer at all (true), or are answered again (false). */
    void silent(boolean silent) {
        this.silent.set(silent);
    }

    /** The checks received. */
    Gauge checks() {
        return checks;
    }

    /** Its open connections, as counted once each was ready or gone. */
    Gauge connections() {
        return connections;
    }

    /** The :authority of the last check received. */
    String lastAuthority() {
        return lastAuthority;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private final class Counting implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                           ServerCallHandler<Q, A> next) {
            checks.add(1);
            lastAuthority = call.getAuthority();
            if (silent.get()) {
                call.request(1);
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
    }
}

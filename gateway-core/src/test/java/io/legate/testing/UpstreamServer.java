package io.legate.testing;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.legate.tls.CertifiedKey;
import java.security.cert.X509Certificate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A real grpc-java (Netty) server on a loopback port, serving {@link ConformanceService}. */
public final class UpstreamServer implements AutoCloseable {

    public static final int MAX_MESSAGE = 32 * 1024 * 1024;

    private final ScheduledExecutorService timer;
    private final ConformanceService service;
    private final Server server;

    private UpstreamServer(ScheduledExecutorService timer, ConformanceService service, Server server) {
        this.timer = timer;
        this.service = service;
        this.server = server;
    }

    public static UpstreamServer start() throws IOException {
        return start(null, null);
    }

    /** A server speaking TLS (h2 by ALPN, as grpc-java always does) with {@code certificate}. */
    public static UpstreamServer startTls(CertifiedKey certificate) throws IOException {
        return start(certificate, null);
    }

    /** As {@link #startTls}, requiring of every caller a client certificate signed by {@code clientCa}. */
    public static UpstreamServer startMutualTls(CertifiedKey certificate, CertifiedKey clientCa) throws IOException {
        return start(certificate, clientCa);
    }

    private static UpstreamServer start(CertifiedKey certificate, CertifiedKey clientCa) throws IOException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ConformanceService service = new ConformanceService(timer);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        if (certificate != null) {
            SslContextBuilder ssl = SslContextBuilder.forServer(certificate.key(),
                    certificate.chain().toArray(new X509Certificate[0]));
            if (clientCa != null) {
                ssl.trustManager(clientCa.leaf()).clientAuth(ClientAuth.REQUIRE);
            }
            builder.sslContext(GrpcSslContexts.configure(ssl).build());
        }
        Server server = builder
                .maxInboundMessageSize(MAX_MESSAGE)
                .addService(ServerInterceptors.intercept(service, service.interceptor()))
                .build()
                .start();
        return new UpstreamServer(timer, service, server);
    }

    public int port() {
        return server.getPort();
    }

    /** {@code 127.0.0.1:port}, as a Mapping's {@code service}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public ConformanceService service() {
        return service;
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
        timer.shutdownNow();
    }
}

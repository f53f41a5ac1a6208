package io.legate.testing;

import io.grpc.Attributes;
import io.grpc.Server;
import io.grpc.ServerTransportFilter;
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
import java.util.concurrent.atomic.AtomicInteger;

/** A real grpc-java (Netty) server on a loopback port, serving {@link ConformanceService}. */
public final class UpstreamServer implements AutoCloseable {

    public static final int MAX_MESSAGE = 32 * 1024 * 1024;

    private final ScheduledExecutorService timer;
    private final ConformanceService service;
    private final Server server;
    private final Connections connections;

    private UpstreamServer(ScheduledExecutorService timer, ConformanceService service, Server server,
                           Connections connections) {
        this.timer = timer;
        this.service = service;
        this.server = server;
        this.connections = connections;
    }

    /** Counts the connections the server holds, and the most it held at once. */
    private static final class Connections extends ServerTransportFilter {
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicInteger opened = new AtomicInteger();

        @Override
        public Attributes transportReady(Attributes attributes) {
            opened.incrementAndGet();
            peak.accumulateAndGet(open.incrementAndGet(), Math::max);
            return attributes;
        }

        @Override
        public void transportTerminated(Attributes attributes) {
            open.decrementAndGet();
        }
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
        Connections connections = new Connections();
        Server server = builder
                .addTransportFilter(connections)
                .maxInboundMessageSize(MAX_MESSAGE)
                .addService(ServerInterceptors.intercept(service, service.interceptor()))
                .build()
                .start();
        return new UpstreamServer(timer, service, server, connections);
    }

    public int port() {
        return server.getPort();
    }

    /** {@code 127.0.0.1:port}, as a Mapping's {@code service}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** The most connections it held at once, TLS handshakes done. */
    public int peakConnections() {
        return connections.peak.get();
    }

    /** How many connections it took since it started. */
    public int connectionsOpened() {
        return connections.opened.get();
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

package io.legate.bench;

import io.grpc.Server;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The upstream of the benchmark: a grpc-java Netty server on loopback with {@link BenchService}, default settings.
 * {@code java io.legate.bench.Upstream [PORT [TLS_PORT CERT_PEM KEY_PEM]]} prints {@code upstream listening on
 * 127.0.0.1:PORT} (and {@code upstream tls on 127.0.0.1:TLS_PORT}, the same services over TLS: the ceiling of the
 * TLS load) when ready (port 0, the default, takes a free one) and serves until killed.
 */
public final class Upstream implements AutoCloseable {

    private final Server server;

    private Upstream(Server server) {
        this.server = server;
    }

    public static Upstream start(int port) throws IOException {
        return new Upstream(serve(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))));
    }

    private static Server serve(NettyServerBuilder builder) throws IOException {
        return builder.addService(BenchService.greeter())
                .addService(BenchService.stream())
                .build()
                .start();
    }

    public int port() {
        return server.getPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        Upstream upstream = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("upstream listening on " + upstream.address());
        if (args.length == 4) {
            Server tls = serve(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])),
                    TlsServerCredentials.create(new File(args[2]), new File(args[3]))));
            System.out.println("upstream tls on 127.0.0.1:" + tls.getPort());
        }
        System.out.flush();
        upstream.server.awaitTermination();
    }
}

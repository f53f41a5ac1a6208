package io.legate.bench;

import io.grpc.Server;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The upstream of the benchmark: a grpc-java Netty server on loopback with {@link BenchService}, default settings.
 * {@code java io.legate.bench.Upstream [PORT[,PORT…] [TLS_PORT CERT_PEM KEY_PEM]]} prints {@code upstream listening
 * on 127.0.0.1:PORT} for each port (and {@code upstream tls on 127.0.0.1:TLS_PORT}, the same services over TLS: the
 * ceiling of the TLS load) when ready (port 0, the default, takes a free one) and serves until killed. One server
 * listening on several ports stands for several endpoints of a service in one process, which shares its threads and
 * its compiled code between them.
 */
public final class Upstream implements AutoCloseable {

    private final Server server;

    private Upstream(Server server) {
        this.server = server;
    }

    public static Upstream start(int port) throws IOException {
        return start(List.of(port));
    }

    /** One server listening on each of {@code ports}. */
    public static Upstream start(List<Integer> ports) throws IOException {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("ports: none (expected: one or more)");
        }
        NettyServerBuilder builder = NettyServerBuilder.forAddress(loopback(ports.get(0)));
        ports.subList(1, ports.size()).forEach(port -> builder.addListenAddress(loopback(port)));
        return new Upstream(serve(builder));
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
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

    /** {@code 127.0.0.1:PORT} of each port it listens on, in the order given. */
    public List<String> addresses() {
        return server.getListenSockets().stream().map(Upstream::address).toList();
    }

    private static String address(SocketAddress socket) {
        return "127.0.0.1:" + ((InetSocketAddress) socket).getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        Upstream upstream = start(args.length > 0 ? ports(args[0]) : List.of(0));
        upstream.addresses().forEach(address -> System.out.println("upstream listening on " + address));
        if (args.length == 4) {
            Server tls = serve(NettyServerBuilder.forAddress(loopback(Integer.parseInt(args[1])),
                    TlsServerCredentials.create(new File(args[2]), new File(args[3]))));
            System.out.println("upstream tls on 127.0.0.1:" + tls.getPort());
        }
        System.out.flush();
        upstream.server.awaitTermination();
    }

    private static List<Integer> ports(String list) {
        try {
            return Stream.of(list.split(",")).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ports: " + list + " (expected: PORT or PORT,PORT,…)");
        }
    }
}

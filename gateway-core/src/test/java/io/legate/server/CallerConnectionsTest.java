package io.legate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.config.CallerConnections;
import io.legate.testing.Gateway;
import io.legate.testing.H2Frames;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import io.legate.testing.UpstreamServer;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How callers' HTTP/2 connections are held: streams per connection, and connections sent away at an age. */
class CallerConnectionsTest {

    private static final String PREFIX = "/grpc.testing.SimpleService/";
    private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;

    @TempDir
    Path dir;

    @Test
    void callersAreToldTheConfiguredStreamsPerConnection() throws Exception {
        try (Gateway gateway = Gateway.start("", Gateway.loopback().withCallers(new CallerConnections(250, 0)))) {
            assertEquals(250, maxConcurrentStreamsAnnounced(gateway.port()));
        }
    }

    @Test
    void callersAreToldAThousandStreamsPerConnectionByDefault() throws Exception {
        try (Gateway gateway = Gateway.start("")) {
            assertEquals(1000, maxConcurrentStreamsAnnounced(gateway.port()));
        }
    }

    @Test
    void aLongLivedChannelCallingThroughSeveralConnectionAgesLosesNoCall() throws Exception {
        Path log = dir.resolve("access.log");
        int calls = 0;
        int failed = 0;
        double aged;
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.start(Mappings.grpc("echo", PREFIX, upstream.address()), Gateway.loopback()
                     .withCallers(new CallerConnections(1000, 1000)).withAccessLog(log))) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
            try {
                SimpleServiceGrpc.SimpleServiceBlockingStub stub = SimpleServiceGrpc.newBlockingStub(channel);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                while (System.nanoTime() < end && calls < 1_000_000) {
                    calls++;
                    try {
                        stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                                .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("c" + calls).build());
                    } catch (StatusRuntimeException e) {
                        failed++;
                    }
                }
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            aged = MetricSamples.of(gateway.metrics().registry()).value("legate_connections_aged_total");
        }

        assertEquals(0, failed, "failed calls out of " + calls);
        // Each connection is a caller address (its port) of its own in the gateway's log.
        Set<String> connections = Files.readAllLines(log).stream()
                .map(line -> line.replaceAll(".*\"client\":\"([^\"]*)\".*", "$1"))
                .collect(Collectors.toSet());
        assertTrue(connections.size() > 1, "connections: " + connections + " for " + calls + " calls");
        assertTrue(aged >= 1, "aged connections: " + aged);
    }

    /** SETTINGS_MAX_CONCURRENT_STREAMS of the gateway's first SETTINGS frame on an h2c connection. */
    private static long maxConcurrentStreamsAnnounced(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(H2Frames.PREFACE);
            socket.getOutputStream().write(H2Frames.settings());
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            H2Frames.Frame settings = H2Frames.read(in);
            assertEquals(H2Frames.SETTINGS, settings.type());
            ByteBuffer parameters = ByteBuffer.wrap(settings.payload());
            while (parameters.remaining() >= 6) {
                int id = parameters.getShort() & 0xFFFF;
                long value = parameters.getInt() & 0xFFFFFFFFL;
                if (id == SETTINGS_MAX_CONCURRENT_STREAMS) {
                    return value;
                }
            }
            return -1;
        }
    }
}

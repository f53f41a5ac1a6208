package io.legate.hostile;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.legate.config.PeerLimits;
import io.legate.testing.Gateway;
import io.legate.testing.H2Frames;
import io.legate.testing.HostileUpstream;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import io.legate.testing.UpstreamServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upstreams that send what no caller should get (headers and trailers too large for the gateway or for the caller's
 * connection, a header block of megabytes): the call to it fails alone, quickly and at a bounded cost, while the
 * calls beside it on the same caller connection, and on others, carry on.
 */
class MisbehavingUpstreamTest {

    private static final String HOSTILE = "/hostile.Service/";
    private static final int FRAME = 16_384;

    @Test
    void anUpstreamHeaderBlockOfEightMebibytesFailsItsCallInUnderASecondAtASmallCost() throws Exception {
        byte[] block = HostileUpstream.headersWith("x-huge", 8 * 1024 * 1024);
        try (HostileUpstream hostile = HostileUpstream.start((out, stream) -> inContinuations(out, stream, block));
             UpstreamServer healthy = UpstreamServer.start();
             Gateway gateway = gateway(hostile, healthy, PeerLimits.defaults())) {
            ManagedChannel channel = gateway.channel();
            Neighbours neighbours = Neighbours.inFlightOn(channel);
            long memoryBefore = memoryInUse();

            long start = System.nanoTime();
            Status status = Neighbours.call(channel, "hostile.Service/Call");
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long growth = memoryInUse() - memoryBefore;

            System.out.printf("8 MiB upstream header block: refused in %d ms, memory growth %d KiB, upstream wrote %d KiB%n",
                    elapsedMs, growth / 1024, hostile.written() / 1024);
            assertEquals(Status.Code.UNAVAILABLE, status.getCode(), status.toString());
            assertTrue(elapsedMs < 1000, "refused in " + elapsedMs + " ms");
            assertTrue(growth < 50L * 1024 * 1024, "memory grew by " + growth + " bytes");
            neighbours.carriedOn(channel, gateway.port());
            assertEquals(1, refused(gateway, "upstream_header_list"));
        }
    }

    @Test
    void anUpstreamHeaderOverTheUpstreamLimitFailsOnlyItsCall() throws Exception {
        Status status = attack(headers("x-big", 20_000), PeerLimits.defaults(), 8192);

        assertEquals(Status.Code.UNAVAILABLE, status.getCode(), status.toString());
        assertTrue(status.getDescription().contains("limits.upstream_header_list_size"), status.getDescription());
    }

    @Test
    void anUpstreamHeaderLargerThanTheCallerTakesFailsOnlyItsCall() throws Exception {
        // Under the upstream limit, over the 8 KiB header list that grpc-java callers advertise.
        Status status = attack(headers("x-big", 12_000), PeerLimits.defaults(), 8192);

        assertEquals(Status.Code.UNAVAILABLE, status.getCode(), status.toString());
        assertTrue(status.getDescription().contains("more than the caller's connection takes (8192 bytes)"),
                status.getDescription());
    }

    @Test
    void anUpstreamHeaderThatNoHttp2FrameOfTheCallerHoldsFailsOnlyItsCall() throws Exception {
        // 16,500 bytes used to end the caller's whole connection, even a caller that takes 1 MiB of metadata.
        PeerLimits roomyUpstreams = new PeerLimits(16 * 1024, 64 * 1024, 10_000, 60_000, 1000, 1000, 128, 0);
        Status status = attack(headers("x-big", 16_500), roomyUpstreams, 1024 * 1024);

        assertEquals(Status.Code.UNAVAILABLE, status.getCode(), status.toString());
        assertTrue(status.getDescription().contains("(16384 bytes)"), status.getDescription());
    }

    @Test
    void anUpstreamTrailerLargerThanTheCallerTakesEndsOnlyItsCallWithInternal() throws Exception {
        HostileUpstream.Answer bigTrailer = (out, stream) -> {
            out.write(H2Frames.frame(H2Frames.HEADERS, H2Frames.END_HEADERS, stream,
                    H2Frames.block(":status", "200", "content-type", "application/grpc")));
            out.write(H2Frames.frame(H2Frames.DATA, 0, stream, H2Frames.grpcMessage(new byte[0])));
            inContinuations(out, stream, H2Frames.block("grpc-status", "0", "grpc-status-details-bin", "A".repeat(20_000)),
                    H2Frames.END_STREAM);
        };
        PeerLimits roomyUpstreams = new PeerLimits(16 * 1024, 64 * 1024, 10_000, 60_000, 1000, 1000, 128, 0);
        Status status = attack(bigTrailer, roomyUpstreams, 1024 * 1024);

        assertEquals(Status.Code.INTERNAL, status.getCode(), status.toString());
        assertTrue(status.getDescription().contains("trailers"), status.getDescription());
    }

    /**
     * Calls the hostile upstream through a gateway with {@code limits}, over a connection whose caller takes header
     * lists of {@code callerTakes} bytes, while a stream to a healthy upstream is in flight on it; checks that the
     * neighbours carried on; the status of the hostile call.
     */
    private static Status attack(HostileUpstream.Answer answer, PeerLimits limits, int callerTakes) throws Exception {
        try (HostileUpstream hostile = HostileUpstream.start(answer);
             UpstreamServer healthy = UpstreamServer.start();
             Gateway gateway = gateway(hostile, healthy, limits)) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext()
                    .maxInboundMetadataSize(callerTakes).build();
            try {
                Neighbours neighbours = Neighbours.inFlightOn(channel);
                Status status = Neighbours.call(channel, "hostile.Service/Call");
                neighbours.carriedOn(channel, gateway.port());
                return status;
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static HostileUpstream.Answer headers(String name, int size) {
        byte[] block = HostileUpstream.headersWith(name, size);
        return (out, stream) -> inContinuations(out, stream, block);
    }

    private static Gateway gateway(HostileUpstream hostile, UpstreamServer healthy, PeerLimits limits) throws Exception {
        return Gateway.start(Mappings.grpc("hostile", HOSTILE, hostile.address())
                + Mappings.grpc("healthy", Neighbours.HEALTHY, healthy.address()), limits);
    }

    private static void inContinuations(OutputStream out, int stream, byte[] block) throws IOException {
        inContinuations(out, stream, block, 0);
    }

    /** {@code block} as a HEADERS frame and as many CONTINUATION frames as it takes, 16 KiB each. */
    private static void inContinuations(OutputStream out, int stream, byte[] block, int flags) throws IOException {
        for (int at = 0; at < block.length; at += FRAME) {
            byte[] fragment = Arrays.copyOfRange(block, at, Math.min(block.length, at + FRAME));
            boolean last = at + FRAME >= block.length;
            int type = at == 0 ? H2Frames.HEADERS : H2Frames.CONTINUATION;
            out.write(H2Frames.frame(type, (at == 0 ? flags : 0) | (last ? H2Frames.END_HEADERS : 0), stream, fragment));
        }
    }

    /** Heap and direct buffers in use. */
    private static long memoryInUse() {
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + direct;
    }

    static double refused(Gateway gateway, String reason) throws Exception {
        return MetricSamples.settled(() -> MetricSamples.of(gateway.metrics().registry()))
                .value("legate_refused_total{reason=\"" + reason + "\"}");
    }
}

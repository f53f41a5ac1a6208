package io.legate.hostile;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.config.PeerLimits;
import io.legate.testing.Gateway;
import io.legate.testing.H2Frames;
import io.legate.testing.Mappings;
import io.legate.testing.RawH2Connection;
import io.legate.testing.UpstreamServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.SocketException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Callers that send what the gateway must refuse, on a connection shared with well-behaved calls: the bad call
 * fails alone, with a status saying why, and the calls beside it carry on. A connection flooded with control frames,
 * each cheap to send and each costing the gateway work, is ended and counted once; other connections carry on.
 */
class HostileCallerTest {

    private static final String UNARY = "/grpc.testing.SimpleService/UnaryRpc";
    /** Sent at once, in far less than a second: well over the default 128 a second. */
    private static final int FLOOD = 2_000;
    private static UpstreamServer upstream;
    private static Gateway gateway;

    /** The frames of a flood, each on stream 1 when it needs a stream, which is then open (its request unended). */
    enum Flood {
        PING(false) {
            byte[] frame(int i) {
                return H2Frames.frame(H2Frames.PING, 0, 0, new byte[8]);
            }
        },
        SETTINGS(false) {
            byte[] frame(int i) {
                return H2Frames.settings();
            }
        },
        PRIORITY(false) {
            byte[] frame(int i) {
                return H2Frames.frame(H2Frames.PRIORITY, 0, 3 + 2 * i, new byte[] {0, 0, 0, 1, 15});
            }
        },
        EMPTY_DATA(true) {
            byte[] frame(int i) {
                return H2Frames.frame(H2Frames.DATA, 0, 1, new byte[0]);
            }
        },
        WINDOW_UPDATE_OF_THE_CONNECTION(false) {
            byte[] frame(int i) {
                return H2Frames.windowUpdate(0, 1);
            }
        },
        WINDOW_UPDATE_OF_AN_OPEN_STREAM(true) {
            byte[] frame(int i) {
                return H2Frames.windowUpdate(1, 1);
            }
        };

        private final boolean opensStream;

        Flood(boolean opensStream) {
            this.opensStream = opensStream;
        }

        abstract byte[] frame(int i);
    }

    @BeforeAll
    static void start() throws Exception {
        upstream = UpstreamServer.start();
        gateway = Gateway.start(Mappings.grpc("healthy", Neighbours.HEALTHY, upstream.address()), PeerLimits.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    @Test
    void metadataOverTheCallerLimitFailsItsCallWithResourceExhaustedAndNoOther() throws Exception {
        Status status = callWithMetadataOf(20_000);

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status.toString());
        assertTrue(status.getDescription().contains("more than the gateway accepts (16384)"), status.getDescription());
        assertTrue(MisbehavingUpstreamTest.refused(gateway, "caller_header_list") >= 1);
    }

    @Test
    void metadataOverWhatTheUpstreamTakesFailsItsCallAndNoOtherOnTheUpstreamConnection() throws Exception {
        // Within the caller limit, over the 8 KiB grpc-java servers announce; the stream in flight shares the
        // gateway's connection to the upstream with the refused call.
        Status status = callWithMetadataOf(12_000);

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status.toString());
        assertTrue(status.getDescription().contains("takes (8192 bytes)"), status.getDescription());
    }

    /**
     * The status of a unary call with {@code bytes} of metadata, on a connection where a stream is in flight;
     * checks that the stream and the calls after it carried on.
     */
    private static Status callWithMetadataOf(int bytes) throws Exception {
        ManagedChannel channel = Neighbours.plaintext(gateway.port());
        try {
            Neighbours neighbours = Neighbours.inFlightOn(channel);
            Metadata big = new Metadata();
            big.put(Metadata.Key.of("x-big", Metadata.ASCII_STRING_MARSHALLER), "x".repeat(bytes));

            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> SimpleServiceGrpc
                    .newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(big))
                    .withDeadlineAfter(10, TimeUnit.SECONDS).unaryRpc(SimpleRequest.getDefaultInstance()));

            neighbours.carriedOn(channel, gateway.port());
            return refused.getStatus();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"transfer-encoding", "upgrade", "keep-alive", "connection"})
    void anHttp2RequestWithAConnectionSpecificHeaderFailsAloneAsMalformed(String header) throws Exception {
        try (RawH2Connection connection = RawH2Connection.open(gateway.port())) {
            connection.sendGrpcCall(1, UNARY, header, "chunked");
            connection.sendGrpcCall(3, UNARY);

            RawH2Connection.StreamEnd malformed = connection.awaitEnd(1);
            RawH2Connection.StreamEnd normal = connection.awaitEnd(3);

            assertTrue(malformed.resetCode() >= 0 || malformed.ended() && !"0".equals(malformed.headers().get("grpc-status")),
                    "the malformed request is refused: " + malformed);
            assertEquals("0", normal.headers().get("grpc-status"), "the call beside it: " + normal);
        }
        Neighbours.unaryWorks(gateway.channel());
    }

    @Test
    void rapidResetEndsTheAttackersConnectionOnly() throws Exception {
        try (RawH2Connection attacker = RawH2Connection.open(gateway.port())) {
            for (int stream = 1; stream < 2000; stream += 2) {
                attacker.send(H2Frames.frame(H2Frames.HEADERS, H2Frames.END_HEADERS, stream, H2Frames.grpcRequest(UNARY)),
                        H2Frames.rstStream(stream, 8));
            }
            assertTrue(attacker.closedWithin(5_000), "the attacker's connection is closed");
        } catch (java.net.SocketException closedWhileSending) {
            // The gateway may close the connection before the attacker has sent all its frames.
        }
        Neighbours.unaryWorks(gateway.channel());
        assertTrue(MisbehavingUpstreamTest.refused(gateway, "frame_flood") >= 1);
    }

    @Test
    void aContinuationFloodEndsTheAttackersConnectionOnly() throws Exception {
        try (RawH2Connection attacker = RawH2Connection.open(gateway.port())) {
            attacker.send(H2Frames.frame(H2Frames.HEADERS, 0, 1, H2Frames.grpcRequest(UNARY)));
            for (int i = 0; i < 20_000; i++) {
                attacker.send(H2Frames.frame(H2Frames.CONTINUATION, 0, 1, new byte[0]));
            }
            assertTrue(attacker.closedWithin(5_000), "the attacker's connection is closed");
        } catch (java.net.SocketException closedWhileSending) {
            // The gateway may close the connection before the attacker has sent all its frames.
        }
        Neighbours.unaryWorks(gateway.channel());
    }

    @ParameterizedTest
    @EnumSource(Flood.class)
    void aFloodEndsTheFloodersConnectionCountedOnceAndNoOther(Flood flood) throws Exception {
        double floodsBefore = MisbehavingUpstreamTest.refused(gateway, "frame_flood");
        ManagedChannel neighbour = Neighbours.plaintext(gateway.port());
        try {
            Neighbours inFlight = Neighbours.inFlightOn(neighbour);
            try (RawH2Connection attacker = RawH2Connection.open(gateway.port())) {
                if (flood.opensStream) {
                    attacker.send(H2Frames.frame(H2Frames.HEADERS, H2Frames.END_HEADERS, 1, H2Frames.grpcRequest(UNARY)));
                }
                try {
                    for (int i = 0; i < FLOOD; i++) {
                        attacker.send(flood.frame(i));
                    }
                } catch (SocketException closedWhileSending) {
                    // The gateway may close the connection before the attacker has sent all its frames.
                }
                assertTrue(attacker.closedWithin(5_000), "the flooder's connection is closed");
            }
            assertEquals(floodsBefore + 1, MisbehavingUpstreamTest.refused(gateway, "frame_flood"), "counted once");
            inFlight.carriedOn(neighbour, gateway.port());
        } finally {
            neighbour.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void windowUpdatesGivingBackTheWindowOfALargeReplyAreNoFlood() throws Exception {
        // Two WINDOW_UPDATE frames for every 16 KiB of a 4 MB reply: 500 frames, far over 16 a second.
        PeerLimits strict = new PeerLimits(16 * 1024, 16 * 1024, 10_000, 60_000, 1000, 1000, 16, 0);
        try (Gateway strictGateway = Gateway.start(Mappings.grpc("healthy", Neighbours.HEALTHY, upstream.address()), strict);
             RawH2Connection reader = RawH2Connection.open(strictGateway.port())) {
            reader.sendGrpcCall(1, UNARY, "x-test-response-size", "4000000");

            RawH2Connection.StreamEnd end = reader.awaitEndGivingBackWindow(1);

            assertEquals("0", grpcStatus(end), "the call: " + end);
            reader.sendGrpcCall(3, UNARY);
            RawH2Connection.StreamEnd next = reader.awaitEnd(3);
            assertEquals("0", grpcStatus(next), "the next call on the same connection: " + next);
        }
    }

    private static String grpcStatus(RawH2Connection.StreamEnd end) {
        return end.headers() == null ? null : end.headers().get("grpc-status");
    }
}

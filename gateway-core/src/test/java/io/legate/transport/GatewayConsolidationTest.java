package io.legate.transport;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.RecordingObserver;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.testing.UpstreamServer;
import io.legate.tls.CertifiedKey;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writing once per read pass under the whole gateway: callers' and upstreams' connections, cleartext and TLS, many
 * streams interleaved on one connection each way.
 */
class GatewayConsolidationTest {

    private static final String SERVICE = "/grpc.testing.SimpleService/";
    private static final int STREAMS = 32;
    private static final int MESSAGES = 12;
    /** Around the largest write that is copied (32 KiB) and the largest frame a caller takes by default (16 KiB). */
    private static final int[] SIZES = {1, 300, 16_000, 33_000, 70_000, 5};

    @Test
    void manyInterleavedStreamsEachGetTheirOwnBytesBackInOrder() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.start(Mappings.grpc("echo", SERVICE, upstream.address()))) {
            assertEveryStreamEchoedInOrder(gateway.channel());
        }
    }

    @Test
    void manyInterleavedStreamsEachGetTheirOwnBytesBackInOrderOverTlsBothWays() throws Exception {
        CertifiedKey ca = TestCertificates.ca("consolidation ca");
        CertifiedKey listener = TestCertificates.server(ca, "gateway.test");
        CertifiedKey upstreamKey = TestCertificates.server(ca, "upstream.test", "127.0.0.1");
        try (UpstreamServer upstream = UpstreamServer.startTls(upstreamKey);
             Gateway gateway = Gateway.startWithResources(Resources.secret("listener-cert", listener)
                     + Resources.tlsContext("listener", "hosts:", "- \"*\"", "secret: listener-cert", "alpn_protocols: h2")
                     + Resources.caSecret("upstream-ca", ca)
                     + Resources.tlsContext("upstream", "alpn_protocols: h2", "ca_secret: upstream-ca")
                     + Mappings.grpc("echo", SERVICE, "https://" + upstream.address(), "tls: upstream"))) {
            ManagedChannel channel = gateway.tlsChannel(ca, "gateway.test", null);
            try {
                assertEveryStreamEchoedInOrder(channel);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aGoAwayWrittenInThePassThatClosesTheConnectionReachesTheCaller() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.start(Mappings.grpc("echo", SERVICE, upstream.address()));
             Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(frame(0x4, 0, 0, new byte[0]));
            out.write(frame(0x6, 0, 0, "legate!!".getBytes(StandardCharsets.US_ASCII)));
            // A PING of 9 bytes is a connection error: the gateway answers the first PING, then GOAWAY, then closes.
            out.write(frame(0x6, 0, 0, "legate!!!".getBytes(StandardCharsets.US_ASCII)));
            out.flush();

            List<String> received = new ArrayList<>();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            try {
                for (int i = 0; i < 100; i++) {
                    int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                    int type = in.readUnsignedByte();
                    int flags = in.readUnsignedByte();
                    in.readInt();
                    in.readNBytes(length);
                    received.add(type == 0x6 ? "PING" + (flags & 1) : type == 0x7 ? "GOAWAY" : "type" + type);
                }
            } catch (EOFException closed) {
                // The gateway closed the connection, as it should after a GOAWAY.
            }
            assertTrue(received.contains("PING1"), "no PING acknowledgement: " + received);
            assertEquals("GOAWAY", received.get(received.size() - 1), "the connection did not end with GOAWAY: " + received);
        }
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return ByteBuffer.allocate(9 + payload.length)
                .put((byte) (payload.length >>> 16)).putShort((short) payload.length)
                .put((byte) type).put((byte) flags).putInt(stream).put(payload).array();
    }

    /** Every stream sends all its messages at once, so that they interleave on both connections. */
    private static void assertEveryStreamEchoedInOrder(ManagedChannel channel) throws Exception {
        List<List<String>> sent = new ArrayList<>();
        List<RecordingObserver<SimpleResponse>> echoes = new ArrayList<>();
        for (int stream = 0; stream < STREAMS; stream++) {
            RecordingObserver<SimpleResponse> echo = new RecordingObserver<>();
            StreamObserver<SimpleRequest> requests = SimpleServiceGrpc.newStub(channel).bidiStreamingRpc(echo);
            List<String> messages = new ArrayList<>();
            for (int m = 0; m < MESSAGES; m++) {
                String message = message(stream, m, SIZES[(stream + m) % SIZES.length]);
                messages.add(message);
                requests.onNext(SimpleRequest.newBuilder().setRequestMessage(message).build());
            }
            requests.onCompleted();
            sent.add(messages);
            echoes.add(echo);
        }
        for (int stream = 0; stream < STREAMS; stream++) {
            Status status = echoes.get(stream).awaitStatus(60);
            assertEquals(Status.Code.OK, status.getCode(), "stream " + stream + ": " + status);
            List<String> echoed = echoes.get(stream).messages().stream().map(SimpleResponse::getResponseMessage).toList();
            assertEquals(sent.get(stream).size(), echoed.size(), "stream " + stream + " lost messages");
            for (int m = 0; m < echoed.size(); m++) {
                assertTrue(sent.get(stream).get(m).equals(echoed.get(m)), "stream " + stream + ", message " + m + " differs");
            }
        }
    }

    /** {@code size} letters that belong to one stream and message only. */
    private static String message(int stream, int index, int size) {
        StringBuilder text = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            text.append((char) ('a' + (stream * 7 + index * 13 + i) % 26));
        }
        return text.toString();
    }
}

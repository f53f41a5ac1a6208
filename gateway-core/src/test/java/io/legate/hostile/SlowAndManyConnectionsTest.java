package io.legate.hostile;

import io.grpc.ManagedChannel;
import io.legate.config.PeerLimits;
import io.legate.testing.Gateway;
import io.legate.testing.H2Frames;
import io.legate.testing.Mappings;
import io.legate.testing.RawH2Connection;
import io.legate.testing.UpstreamServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections that hold file descriptors without bringing requests (slowloris, silence, a header block never ended)
 * are closed at the header timeout, and one client cannot open more than its share; other callers are served
 * throughout.
 */
class SlowAndManyConnectionsTest {

    /** Long enough for a cold JVM's first gRPC call to send its headers once connected. */
    private static final long HEADER_TIMEOUT_MS = 3000;
    private static final int PER_CLIENT = 6;
    private static UpstreamServer upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = UpstreamServer.start();
        gateway = Gateway.start(Mappings.grpc("healthy", Neighbours.HEALTHY, upstream.address()),
                new PeerLimits(16 * 1024, 16 * 1024, HEADER_TIMEOUT_MS, 60_000, 1000, PER_CLIENT, 128, 0));
        Neighbours.unaryWorks(gateway.channel());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    @Test
    void aSlowlorisConnectionIsClosedAtTheHeaderTimeoutWhileOthersAreServed() throws Exception {
        double before = MisbehavingUpstreamTest.refused(gateway, "header_timeout");
        try (Socket slow = new Socket("127.0.0.1", gateway.port())) {
            OutputStream out = slow.getOutputStream();
            out.write("GET /slow HTTP/1.1\r\nHost: gateway\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(4 * HEADER_TIMEOUT_MS);
            // A header line every 100 ms or so: never idle, never done.
            for (int line = 0; !closed && System.nanoTime() < deadline; line++) {
                try {
                    out.write(("x-slow-" + line + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
                    closed = closedWithin(slow, 100);
                } catch (SocketException reset) {
                    closed = true;
                }
                Neighbours.unaryWorks(gateway.channel());
            }
            assertTrue(closed, "the slowloris connection is closed");
        }
        assertTrue(MisbehavingUpstreamTest.refused(gateway, "header_timeout") > before);
    }

    @Test
    void aSilentConnectionIsClosedAtTheHeaderTimeout() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", gateway.port())) {
            assertTrue(closedWithin(silent, 4 * HEADER_TIMEOUT_MS), "the silent connection is closed");
        }
        Neighbours.unaryWorks(gateway.channel());
    }

    @Test
    void anHttp2HeaderBlockNeverEndedIsClosedAtTheHeaderTimeout() throws Exception {
        try (RawH2Connection unfinished = RawH2Connection.open(gateway.port())) {
            unfinished.send(H2Frames.frame(H2Frames.HEADERS, 0, 1, H2Frames.grpcRequest("/grpc.testing.SimpleService/UnaryRpc")));
            assertTrue(unfinished.closedWithin(4 * HEADER_TIMEOUT_MS), "the connection is closed");
        }
        Neighbours.unaryWorks(gateway.channel());
    }

    @Test
    void aConnectionThatBroughtARequestOutlivesTheHeaderTimeout() throws Exception {
        try (RawH2Connection connection = RawH2Connection.open(gateway.port())) {
            connection.sendGrpcCall(1, "/grpc.testing.SimpleService/UnaryRpc");
            assertEquals("0", connection.awaitEnd(1).headers().get("grpc-status"));

            assertFalse(connection.closedWithin(HEADER_TIMEOUT_MS * 3 / 2), "the connection stays open");

            connection.sendGrpcCall(3, "/grpc.testing.SimpleService/UnaryRpc");
            assertEquals("0", connection.awaitEnd(3).headers().get("grpc-status"));
        }
    }

    @Test
    void aClientOverItsShareOfConnectionsHasTheExtraOnesClosedAndKeepsTheOthers() throws Exception {
        ManagedChannel channel = Neighbours.plaintext(gateway.port());
        List<Socket> held = new ArrayList<>();
        try {
            Neighbours.unaryWorks(channel);
            // The shared channel's connection, this test's channel and the rest of the share, each with a request.
            while (held.size() < PER_CLIENT - 2) {
                held.add(requestingConnection());
            }
            try (Socket extra = new Socket("127.0.0.1", gateway.port())) {
                assertTrue(closedWithin(extra, 2_000), "the connection over the share is closed");
            }
            Neighbours.unaryWorks(channel);
            assertTrue(MisbehavingUpstreamTest.refused(gateway, "connections_per_client") >= 1);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A connection kept open after an HTTP/1.1 request, so that the header timeout leaves it alone. */
    private static Socket requestingConnection() throws IOException {
        Socket socket = new Socket("127.0.0.1", gateway.port());
        socket.getOutputStream().write("GET /none HTTP/1.1\r\nHost: gateway\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        assertTrue(in.read(new byte[1024]) > 0, "an answer");
        return socket;
    }

    private static boolean closedWithin(Socket socket, long timeoutMs) throws IOException {
        return RawH2Connection.closedWithin(socket, socket.getInputStream(), timeoutMs);
    }
}

package io.legate.transport;

import io.legate.transport.TestListener.DroppingConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.legate.transport.Passes.awaitTrue;
import static io.legate.transport.Passes.inPass;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes held in a read pass under real loopback sockets, by the socket's endpoint and, on a TLS listener, by the
 * TLS connection above it: full sockets, failures, closes.
 */
class ConsolidatingEndPointTest {

    @Test
    void smallWritesMadeInAPassAreDoneAtOnceAndLeaveInOneSocketWrite() throws Exception {
        try (TestListener listener = TestListener.cleartext(); Socket client = listener.connect()) {
            DroppingConnection connection = listener.accepted();
            ConsolidatingEndPoint socket = connection.socket();
            long before = socket.socketWrites();

            inPass(() -> {
                for (int i = 0; i < 100; i++) {
                    FutureCallback written = new FutureCallback();
                    connection.getEndPoint().write(written, ByteBuffer.wrap(Bytes.at(i * 100L, 100)));
                    assertTrue(written.isDone(), "write " + i + " was not done at once");
                }
            });

            assertEquals(1, socket.socketWrites() - before);
            assertArrayEquals(Bytes.at(0, 10_000), client.getInputStream().readNBytes(10_000));
        }
    }

    @Test
    void aCopiedWriteConsumesItsBuffersAsASocketWriteDoes() throws Exception {
        try (TestListener listener = TestListener.cleartext(); Socket client = listener.connect()) {
            EndPoint endPoint = listener.accepted().getEndPoint();
            // Jetty's HTTP/1.1 generator, for one, writes again whatever a write left in its buffers.
            ByteBuffer header = ByteBuffer.wrap(Bytes.at(0, 10));
            ByteBuffer content = ByteBuffer.wrap(Bytes.at(10, 20));
            inPass(() -> endPoint.write(Callback.NOOP, header, content));
            assertFalse(header.hasRemaining() || content.hasRemaining(), "a copied write left bytes in its buffers");
            assertArrayEquals(Bytes.at(0, 30), client.getInputStream().readNBytes(30));
        }
    }

    @ParameterizedTest(name = "tls: {0}")
    @ValueSource(booleans = {false, true})
    void aPeerThatStopsReadingHoldsTheWriterBackAndLosesNothing(boolean tls) throws Exception {
        long total = 8L * 1024 * 1024;
        try (TestListener listener = listener(tls); Socket client = listener.connect()) {
            DroppingConnection connection = listener.accepted();
            SequenceWriter writer = new SequenceWriter(connection.getEndPoint(), total);
            inPass(writer::iterate);

            awaitTrue(() -> connection.socket().getWriteFlusher().isPending(), "the socket never filled up");
            long ahead = writer.done();
            // Both socket buffers, the copy buffer and one write: the rest waits in the writer, not in memory.
            assertTrue(ahead < 1024 * 1024, "the writer was told " + ahead + " bytes were written to a peer reading none");

            Bytes.readInOrder(client.getInputStream(), total);
            writer.finished.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void writesMadeWhileAnotherWaitsOnAFullSocketAreDoneOnlyAfterIt() throws Exception {
        int big = 4 * 1024 * 1024;
        try (TestListener listener = TestListener.cleartext(); Socket client = listener.connect()) {
            DroppingConnection connection = listener.accepted();
            EndPoint endPoint = connection.getEndPoint();
            FutureCallback first = new FutureCallback();
            endPoint.write(first, ByteBuffer.wrap(Bytes.at(0, big)));
            awaitTrue(() -> connection.socket().getWriteFlusher().isPending(), "the socket never filled up");

            FutureCallback outsidePass = new FutureCallback();
            endPoint.write(outsidePass, ByteBuffer.wrap(Bytes.at(big, 100)));
            FutureCallback insidePass = new FutureCallback();
            inPass(() -> endPoint.write(insidePass, ByteBuffer.wrap(Bytes.at(big + 100, 100))));
            assertFalse(outsidePass.isDone() || insidePass.isDone(), "a write was done while the socket was full");

            Bytes.readInOrder(client.getInputStream(), big + 200);
            first.get(5, TimeUnit.SECONDS);
            outsidePass.get(5, TimeUnit.SECONDS);
            insidePass.get(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "tls: {0}")
    @ValueSource(booleans = {false, true})
    void aFailureToSendCopiedBytesClosesTheConnectionAndFailsTheNextWrite(boolean tls) throws Exception {
        try (TestListener listener = listener(tls)) {
            Socket client = listener.connect();
            DroppingConnection connection = listener.accepted();
            EndPoint endPoint = connection.getEndPoint();
            client.setSoLinger(true, 0);
            client.close();

            // The reset may take a moment to arrive: copies succeed until a write to the socket fails.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (int i = 0; i < 1000 && !connection.closed.isDone() && System.nanoTime() < deadline; i++) {
                inPass(() -> endPoint.write(Callback.NOOP, ByteBuffer.wrap(Bytes.at(0, 10))));
            }

            Throwable cause = connection.closed.get(5, TimeUnit.SECONDS);
            if (!tls) {
                // Over TLS the read of the reset may close the connection first, without a cause of its own.
                assertInstanceOf(IOException.class, cause);
            }
            FutureCallback next = new FutureCallback();
            inPass(() -> endPoint.write(next, ByteBuffer.wrap(Bytes.at(0, 10))));
            ExecutionException failed = assertThrows(ExecutionException.class, () -> next.get(5, TimeUnit.SECONDS));
            assertNotNull(failed.getCause());
        }
    }

    @ParameterizedTest(name = "tls: {0}")
    @ValueSource(booleans = {false, true})
    void bytesCopiedBeforeACloseReachThePeer(boolean tls) throws Exception {
        assertCopiedBytesArriveBeforeTheEnd(listener(tls), EndPoint::close);
    }

    @ParameterizedTest(name = "tls: {0}")
    @ValueSource(booleans = {false, true})
    void bytesCopiedBeforeTheOutputShutsReachThePeerBeforeItsEnd(boolean tls) throws Exception {
        assertCopiedBytesArriveBeforeTheEnd(listener(tls), EndPoint::shutdownOutput);
    }

    @Test
    void tlsRecordsWrittenInAPassLeaveTogetherInOrder() throws Exception {
        try (TestListener listener = TestListener.tls(); Socket client = listener.connect()) {
            DroppingConnection connection = listener.accepted();
            ConsolidatingEndPoint socket = connection.socket();
            long before = socket.socketWrites();

            SequenceWriter writer = new SequenceWriter(connection.getEndPoint(), 10_000, 100);
            inPass(writer::iterate);
            assertEquals(10_000, writer.done(), "the writes were not done at once");

            assertArrayEquals(Bytes.at(0, 10_000), client.getInputStream().readNBytes(10_000));
            // One write for the 100 records; TLS 1.3 may send its session ticket after the client's handshake is over.
            long socketWrites = socket.socketWrites() - before;
            assertTrue(socketWrites >= 1 && socketWrites <= 2, socketWrites + " socket writes for 100 records written in one pass");
        }
    }

    /** On a TLS listener, as the gateway's: the TLS connection above the socket holds the writes too. */
    private static TestListener listener(boolean tls) throws Exception {
        return tls ? TestListener.consolidatingTls() : TestListener.cleartext();
    }

    /** Bytes copied in a pass, then {@code end} in the same pass: the peer reads the bytes, then the end. */
    private static void assertCopiedBytesArriveBeforeTheEnd(TestListener started, Consumer<EndPoint> end)
            throws Exception {
        try (TestListener listener = started; Socket client = listener.connect()) {
            EndPoint endPoint = listener.accepted().getEndPoint();
            inPass(() -> {
                endPoint.write(Callback.NOOP, ByteBuffer.wrap(Bytes.at(0, 1000)));
                end.accept(endPoint);
            });
            assertArrayEquals(Bytes.at(0, 1000), client.getInputStream().readAllBytes());
        }
    }



}

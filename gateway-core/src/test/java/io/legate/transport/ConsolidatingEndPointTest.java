package io.legate.transport;

import io.legate.transport.TestListener.DroppingConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.util.IteratingCallback;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoint under real loopback sockets: writes made in a read pass, full sockets, failures, closes. */
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

    @Test
    void aPeerThatStopsReadingHoldsTheWriterBackAndLosesNothing() throws Exception {
        long total = 8L * 1024 * 1024;
        try (TestListener listener = TestListener.cleartext(); Socket client = listener.connect()) {
            DroppingConnection connection = listener.accepted();
            SequenceWriter writer = new SequenceWriter(connection.getEndPoint(), total);
            inPass(writer::iterate);

            awaitTrue(() -> connection.socket().getWriteFlusher().isPending(), "the socket never filled up");
            long ahead = writer.done();
            // Both socket buffers, the copy buffer and one write: the rest waits in the writer, not in memory.
            assertTrue(ahead < 1024 * 1024, "the writer was told " + ahead + " bytes were written to a peer reading none");

            readSequence(client.getInputStream(), total);
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

            readSequence(client.getInputStream(), big + 200);
            first.get(5, TimeUnit.SECONDS);
            outsidePass.get(5, TimeUnit.SECONDS);
            insidePass.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailureToSendCopiedBytesClosesTheConnectionAndFailsTheNextWrite() throws Exception {
        try (TestListener listener = TestListener.cleartext()) {
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
            assertInstanceOf(IOException.class, cause);
            FutureCallback next = new FutureCallback();
            inPass(() -> endPoint.write(next, ByteBuffer.wrap(Bytes.at(0, 10))));
            ExecutionException failed = assertThrows(ExecutionException.class, () -> next.get(5, TimeUnit.SECONDS));
            assertNotNull(failed.getCause());
        }
    }

    @Test
    void bytesCopiedBeforeACloseReachThePeer() throws Exception {
        assertCopiedBytesArriveBeforeTheEnd(EndPoint::close);
    }

    @Test
    void bytesCopiedBeforeTheOutputShutsReachThePeerBeforeItsEnd() throws Exception {
        assertCopiedBytesArriveBeforeTheEnd(EndPoint::shutdownOutput);
    }

    @Test
    void tlsRecordsWrittenInAPassLeaveTogetherInOrder() throws Exception {
        try (TestListener listener = TestListener.tls(); Socket client = listener.connect()) {
            ((SSLSocket) client).startHandshake();
            DroppingConnection connection = listener.accepted();
            SSLEngine engine = ((SslConnection.SslEndPoint) connection.getEndPoint()).getSslConnection().getSSLEngine();
            awaitTrue(() -> engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING,
                    "the server never finished its handshake");
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

    /** Bytes copied in a pass, then {@code end} in the same pass: the peer reads the bytes, then the end. */
    private static void assertCopiedBytesArriveBeforeTheEnd(Consumer<EndPoint> end) throws Exception {
        try (TestListener listener = TestListener.cleartext(); Socket client = listener.connect()) {
            EndPoint endPoint = listener.accepted().getEndPoint();
            inPass(() -> {
                endPoint.write(Callback.NOOP, ByteBuffer.wrap(Bytes.at(0, 1000)));
                end.accept(endPoint);
            });
            assertArrayEquals(Bytes.at(0, 1000), client.getInputStream().readAllBytes());
        }
    }

    private static void inPass(Runnable work) {
        ReadPass.around(work).run();
    }

    private static void readSequence(InputStream in, long total) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long offset = 0;
        while (offset < total) {
            int read = in.read(chunk, 0, (int) Math.min(chunk.length, total - offset));
            if (read < 0) {
                throw new AssertionError("the stream ended after " + offset + " of " + total + " bytes");
            }
            byte[] expected = Bytes.at(offset, read);
            for (int i = 0; i < read; i++) {
                if (chunk[i] != expected[i]) {
                    throw new AssertionError("byte " + (offset + i) + " is out of place");
                }
            }
            offset += read;
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            Thread.sleep(1);
        }
        assertTrue(condition.getAsBoolean(), failure);
    }

    /**
     * Writes {@link Bytes} in writes of varied sizes, each once the previous one is done, as Jetty's HTTP/2
     * flusher does.
     */
    private static final class SequenceWriter extends IteratingCallback {
        private static final int[] VARIED = {1, 700, 16_384, 32 * 1024, 32 * 1024 + 1, 48_000, 5};

        final CompletableFuture<Void> finished = new CompletableFuture<>();
        private final EndPoint endPoint;
        private final long total;
        private final int[] sizes;
        private volatile long offset;
        private volatile long done;
        private int next;

        /** Writes of {@code sizes} in turn; sizes around the largest copied write when none are given. */
        SequenceWriter(EndPoint endPoint, long total, int... sizes) {
            this.endPoint = endPoint;
            this.total = total;
            this.sizes = sizes.length == 0 ? VARIED : sizes;
        }

        /** The bytes whose writes were reported done. */
        long done() {
            return done;
        }

        @Override
        protected Action process() {
            done = offset;
            if (offset >= total) {
                return Action.SUCCEEDED;
            }
            int size = (int) Math.min(sizes[next++ % sizes.length], total - offset);
            endPoint.write(this, ByteBuffer.wrap(Bytes.at(offset, size)));
            offset += size;
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            finished.complete(null);
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            finished.completeExceptionally(cause);
        }
    }
}

package io.legate.transport;

import io.legate.transport.TestListener.DroppingConnection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static io.legate.transport.Passes.inPass;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TLS listener's connections under real loopback sockets: what a pass writes is encrypted once, when it ends
 * (the socket under it holds the encrypted bytes as {@link ConsolidatingEndPointTest} shows).
 */
class ConsolidatingSslConnectionTest {

    @Test
    void writesMadeInAPassAreDoneAtOnceAndEncryptedTogetherWhenItEnds() throws Exception {
        try (TestListener listener = TestListener.consolidatingTls(); Socket client = listener.connect()) {
            DroppingConnection connection = listener.accepted();
            ConsolidatingSslConnection tls = tls(connection);
            long before = tls.encryptions();

            inPass(() -> {
                for (int i = 0; i < 100; i++) {
                    FutureCallback written = new FutureCallback();
                    connection.getEndPoint().write(written, ByteBuffer.wrap(Bytes.at(i * 100L, 100)));
                    assertTrue(written.isDone(), "write " + i + " was not done at once");
                }
                assertEquals(before, tls.encryptions(), "bytes were encrypted before the pass ended");
            });

            assertEquals(1, tls.encryptions() - before, "100 writes of one pass were not encrypted together");
            assertArrayEquals(Bytes.at(0, 10_000), client.getInputStream().readNBytes(10_000));
        }
    }

    @Test
    void aReadThatFindsNothingMoreLeavesTheEncryptionToTheEndOfThePass() throws Exception {
        try (TestListener listener = TestListener.consolidatingTls(); Socket client = listener.connect()) {
            DroppingConnection connection = listener.accepted();
            ConsolidatingSslConnection tls = tls(connection);
            long before = tls.encryptions();

            inPass(() -> {
                connection.getEndPoint().write(Callback.NOOP, ByteBuffer.wrap(Bytes.at(0, 100)));
                // A read of a TLS connection holds that connection's lock: encrypting here could deadlock two passes.
                ReadPass.drained();
                assertEquals(before, tls.encryptions(), "bytes held above TLS were encrypted when a read drained");
            });

            assertEquals(1, tls.encryptions() - before);
            assertArrayEquals(Bytes.at(0, 100), client.getInputStream().readNBytes(100));
        }
    }

    @Test
    void aWriteMadeOutsideAPassIsEncryptedAtOnce() throws Exception {
        try (TestListener listener = TestListener.consolidatingTls(); Socket client = listener.connect()) {
            DroppingConnection connection = listener.accepted();
            ConsolidatingSslConnection tls = tls(connection);
            long before = tls.encryptions();

            FutureCallback written = new FutureCallback();
            connection.getEndPoint().write(written, ByteBuffer.wrap(Bytes.at(0, 100)));

            written.get(5, TimeUnit.SECONDS);
            assertEquals(1, tls.encryptions() - before);
            assertArrayEquals(Bytes.at(0, 100), client.getInputStream().readNBytes(100));
        }
    }

    private static ConsolidatingSslConnection tls(DroppingConnection connection) {
        return (ConsolidatingSslConnection) ((SslConnection.SslEndPoint) connection.getEndPoint()).getSslConnection();
    }
}

package io.legate.transport;

import io.legate.transport.TestListener.DroppingConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A read pass as long as a selector's round: connections found ready together write together. */
class ConsolidatingSelectorTest {

    @Test
    void writesOfConnectionsFoundReadyInOneRoundLeaveInOneSocketWrite() throws Exception {
        try (TestListener listener = TestListener.cleartext(); Socket target = listener.connect();
             Socket gate = listener.connect(); Socket a = listener.connect(); Socket b = listener.connect();
             Socket c = listener.connect()) {
            Map<Integer, DroppingConnection> accepted = acceptedByPort(listener, 5);
            ConsolidatingEndPoint targetSocket = accepted.get(target.getLocalPort()).socket();
            DroppingConnection gateConnection = accepted.get(gate.getLocalPort());
            List<Socket> relays = List.of(a, b, c);
            List<DroppingConnection> relayConnections = new ArrayList<>();
            for (Socket relay : relays) {
                DroppingConnection connection = accepted.get(relay.getLocalPort());
                connection.onRead = read -> targetSocket.write(Callback.NOOP, ByteBuffer.wrap(read));
                relayConnections.add(connection);
            }
            // The gate holds the selector's thread until every relay has bytes waiting: its next select finds
            // them all ready at once.
            CountDownLatch gateRead = new CountDownLatch(1);
            gateConnection.onRead = read -> {
                for (int i = 0; i < relays.size(); i++) {
                    write(relays.get(i), new byte[] {(byte) ('a' + i)});
                }
                awaitReadable(relayConnections);
                gateRead.countDown();
            };
            long before = targetSocket.socketWrites();

            write(gate, new byte[] {'g'});

            assertTrue(gateRead.await(10, TimeUnit.SECONDS), "the gate connection read nothing");
            byte[] relayed = target.getInputStream().readNBytes(3);
            Arrays.sort(relayed);
            assertArrayEquals(new byte[] {'a', 'b', 'c'}, relayed);
            assertEquals(1, targetSocket.socketWrites() - before,
                    "three connections read in one round wrote to the same connection");
        }
    }

    @Test
    void aThreadLeavingTheSelectorsLoopWritesWhatItsRoundHeld() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.start();
        try (TestListener listener = TestListener.cleartext(); Socket client = listener.connect()) {
            EndPoint endPoint = listener.accepted().getEndPoint();
            CompletableFuture<ReadPass> passAfterwards = new CompletableFuture<>();
            CountDownLatch left = new CountDownLatch(1);

            ConsolidatingSelector.executor(threads).execute(() -> {
                ReadPass.startRound();
                endPoint.write(Callback.NOOP, ByteBuffer.wrap(Bytes.at(0, 100)));
            });
            threads.execute(() -> {
                passAfterwards.complete(ReadPass.current());
                left.countDown();
            });

            assertArrayEquals(Bytes.at(0, 100), client.getInputStream().readNBytes(100));
            assertTrue(left.await(5, TimeUnit.SECONDS));
            assertNull(passAfterwards.get(), "a pool thread kept the round of the selector it ran");
        } finally {
            threads.stop();
        }
    }

    /** The next {@code count} connections accepted, by the port of the client socket each one serves. */
    private static Map<Integer, DroppingConnection> acceptedByPort(TestListener listener, int count)
            throws InterruptedException {
        Map<Integer, DroppingConnection> accepted = new HashMap<>();
        for (int i = 0; i < count; i++) {
            DroppingConnection connection = listener.accepted();
            accepted.put(((InetSocketAddress) connection.getEndPoint().getRemoteSocketAddress()).getPort(), connection);
        }
        return accepted;
    }

    private static void write(Socket socket, byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
        } catch (IOException x) {
            throw new AssertionError(x);
        }
    }

    /** Waits, with a selector of its own, until each connection's socket has bytes to read. */
    private static void awaitReadable(List<DroppingConnection> connections) {
        try (Selector watcher = Selector.open()) {
            for (DroppingConnection connection : connections) {
                connection.socket().getChannel().register(watcher, SelectionKey.OP_READ);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (watcher.selectedKeys().size() < connections.size()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + watcher.selectedKeys().size() + " connections readable");
                }
                watcher.select(100);
            }
        } catch (IOException x) {
            throw new AssertionError(x);
        }
    }
}

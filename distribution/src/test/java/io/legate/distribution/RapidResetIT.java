package io.legate.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.distribution.LegateScript.Result;
import io.legate.testing.H2Frames;
import io.legate.testing.Mappings;
import io.legate.testing.UpstreamServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 rapid reset (HEADERS then RST_STREAM, as fast as raw clients can, on several connections at once) against
 * the packaged gateway, started by {@code bin/legate} with its default memory limits: its resident memory stays
 * bounded, and a normal call succeeds during the attack and after it.
 */
class RapidResetIT {

    private static final String UNARY = "/grpc.testing.SimpleService/UnaryRpc";
    private static final long ATTACK_MS = 15_000;
    private static final int ATTACKERS = 4;
    /** HEADERS and RST_STREAM pairs written at once: a raw client's fastest is a write of many frames. */
    private static final int PAIRS_PER_WRITE = 100;
    private static final long MAX_GROWTH_BYTES = 300L * 1024 * 1024;
    private static final byte[] REQUEST = H2Frames.grpcRequest(UNARY);

    private Installation installation;
    private UpstreamServer upstream;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        upstream = UpstreamServer.start();
        installation = Installation.copyInto(dir);
        Files.writeString(installation.home().resolve("conf/resources/greeter.yaml"),
                Mappings.grpc("simple", "/grpc.testing.SimpleService/", upstream.address()));
        long begin = System.nanoTime();
        Result start = installation.legate("start");
        System.out.printf("started in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        assertEquals(0, start.exitCode(), start::toString);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (installation != null) {
                installation.stop();
            }
        } finally {
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    /** Bounded apart from the start, which a busy machine may stretch (up to {@code LEGATE_START_TIMEOUT}). */
    @Test
    @Timeout(value = 25, unit = TimeUnit.SECONDS)
    void fifteenSecondsOfRapidResetKeepMemoryBoundedAndCallsServed() throws Exception {
        long pid = Long.parseLong(Files.readString(installation.pidFile()).trim());

        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", installation.httpPort()).usePlaintext().build();
        try {
            call(channel);
            long startRss = rssBytes(pid);
            AtomicLong pairsSent = new AtomicLong();
            AtomicLong connections = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ATTACK_MS);
            List<Thread> attackers = new ArrayList<>();
            for (int i = 0; i < ATTACKERS; i++) {
                Thread attacker = new Thread(() -> attack(end, pairsSent, connections), "rapid-reset-" + i);
                attacker.setDaemon(true);
                attacker.start();
                attackers.add(attacker);
            }
            long maxRss = startRss;
            int calls = 0;
            while (System.nanoTime() < end) {
                call(channel);
                calls++;
                maxRss = Math.max(maxRss, rssBytes(pid));
            }
            for (Thread attacker : attackers) {
                attacker.join(5_000);
            }
            call(channel);
            maxRss = Math.max(maxRss, rssBytes(pid));

            System.out.printf("rapid reset for %d s: %d HEADERS+RST_STREAM pairs written on %d connections, %s;"
                            + " %d calls served during it; RSS %d MiB at start, %d MiB at most (+%d MiB)%n",
                    ATTACK_MS / 1000, pairsSent.get(), connections.get(), floods(), calls, startRss >> 20,
                    maxRss >> 20, (maxRss - startRss) >> 20);
            assertTrue(pairsSent.get() > 10_000, "the attack ran: " + pairsSent.get() + " pairs");
            assertTrue(maxRss - startRss < MAX_GROWTH_BYTES, "RSS grew from " + (startRss >> 20) + " MiB to "
                    + (maxRss >> 20) + " MiB");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The flooding connections the gateway ended, as its metrics count them. */
    private String floods() throws IOException, InterruptedException {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + installation.adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().filter(line -> line.startsWith("legate_refused_total{reason=\"frame_flood\"}"))
                .findFirst().orElse("no frame_flood count");
    }

    /** A normal unary call, which must succeed. */
    private static void call(ManagedChannel channel) {
        String answer = SimpleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("normal").build()).getResponseMessage();
        assertEquals("normal", answer);
    }

    /** Connection after connection, each sending HEADERS and RST_STREAM pairs until the gateway closes it. */
    private void attack(long endNanos, AtomicLong pairsSent, AtomicLong connections) {
        while (System.nanoTime() < endNanos) {
            try (Socket socket = new Socket("127.0.0.1", installation.httpPort())) {
                connections.incrementAndGet();
                OutputStream out = socket.getOutputStream();
                out.write(H2Frames.PREFACE);
                out.write(H2Frames.settings());
                for (int stream = 1; stream > 0 && System.nanoTime() < endNanos; ) {
                    ByteArrayOutputStream batch = new ByteArrayOutputStream();
                    for (int i = 0; i < PAIRS_PER_WRITE; i++, stream += 2) {
                        batch.write(H2Frames.frame(H2Frames.HEADERS, H2Frames.END_HEADERS, stream, REQUEST));
                        batch.write(H2Frames.rstStream(stream, 8));
                    }
                    out.write(batch.toByteArray());
                    pairsSent.addAndGet(PAIRS_PER_WRITE);
                }
            } catch (IOException closedByTheGateway) {
                // Ended for flooding: the next connection goes on.
            }
        }
    }

    /** The process's resident memory, from {@code /proc/<pid>/status}. */
    private static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }
}

package io.legate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import io.legate.testing.RecordingObserver;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.testing.UpstreamServer;
import io.legate.tls.CertifiedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upstream clients are made per TLS settings: rotating the client certificate of a TLS upstream makes a new one each
 * time. The old ones must stop once their calls end, or every rotation keeps threads and sockets for good.
 */
class UpstreamClientLifecycleTest {

    private static final CertifiedKey UPSTREAM_CA = TestCertificates.ca("upstream ca");
    private static final CertifiedKey CLIENT_CA = TestCertificates.ca("gateway client ca");
    private static final CertifiedKey UPSTREAM = TestCertificates.server(UPSTREAM_CA, "upstream.test", "127.0.0.1");
    private static final int ROTATIONS = 100;
    private static final int CALLERS = 4;
    /** The default client of the proxy servlet, and the one of the TLS upstream's TLSContext. */
    private static final double CLIENTS_AT_REST = 2;

    private UpstreamServer upstream;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        upstream = UpstreamServer.startMutualTls(UPSTREAM, CLIENT_CA);
        gateway = Gateway.startWithResources(resources(0));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    /** The upstream's Mapping and TLSContext, with a client certificate of its own for {@code rotation}. */
    private String resources(int rotation) {
        return Resources.caSecret("upstream-ca", UPSTREAM_CA)
                + Resources.secret("client-cert", TestCertificates.client(CLIENT_CA, "gateway " + rotation))
                + Resources.tlsContext("upstream", "alpn_protocols: h2", "ca_secret: upstream-ca", "secret: client-cert")
                + Mappings.grpc("simple", "/grpc.testing.SimpleService/", "https://" + upstream.address(), "tls: upstream");
    }

    @Test
    void rotatingTheUpstreamClientCertificateUnderLoadKeepsThreadsAndFilesFlatAndFailsNoCall() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        for (int i = 0; i < CALLERS; i++) {
            callers.execute(() -> {
                SimpleServiceGrpc.SimpleServiceBlockingStub stub = SimpleServiceGrpc.newBlockingStub(gateway.channel());
                while (running.get()) {
                    try {
                        stub.withDeadlineAfter(10, TimeUnit.SECONDS).unaryRpc(request("rotating"));
                        calls.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                }
            });
        }
        try {
            for (int i = 1; i <= 5; i++) {
                rotate(i, calls);
            }
            awaitClients(CLIENTS_AT_REST);
            Map<String, Long> threadsBefore = threads();
            long filesBefore = openFiles();

            for (int i = 6; i < 6 + ROTATIONS; i++) {
                rotate(i, calls);
            }
            awaitClients(CLIENTS_AT_REST);
            Map<String, Long> threadsAfter = threads();
            long filesAfter = openFiles();

            System.out.printf("%d rotations under load, %d calls: threads %d -> %d, open files %d -> %d, failed %d%n",
                    ROTATIONS, calls.get(), total(threadsBefore), total(threadsAfter), filesBefore, filesAfter,
                    failed.get());
            assertEquals(0, failed.get(), () -> "failed calls, the first: " + firstFailure.get());
            // The gateway's pool grows and shrinks by a few threads with the load; a client kept for good would keep
            // one of them busy with its selector, and a scheduler thread, for each rotation.
            assertTrue(total(threadsAfter) <= total(threadsBefore) + 16, threadsBefore + " -> " + threadsAfter);
            assertTrue(filesAfter <= filesBefore + 16, filesBefore + " -> " + filesAfter + " open files");
        } finally {
            running.set(false);
            callers.shutdown();
            assertTrue(callers.awaitTermination(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void aStreamOutlivingManyRotationsKeepsOnlyTheClientItUsesUntilItEnds() throws Exception {
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        StreamObserver<SimpleRequest> stream = SimpleServiceGrpc.newStub(gateway.channel()).bidiStreamingRpc(responses);
        stream.onNext(request("before"));
        assertEquals("before", responses.next(5).getResponseMessage());

        for (int i = 1; i <= 5; i++) {
            gateway.apply(resources(i));
            assertEquals("new", SimpleServiceGrpc.newBlockingStub(gateway.channel()).unaryRpc(request("new"))
                    .getResponseMessage());
        }
        awaitClients(CLIENTS_AT_REST + 1);
        stream.onNext(request("after"));
        assertEquals("after", responses.next(5).getResponseMessage());

        stream.onCompleted();
        assertEquals(Status.Code.OK, responses.awaitStatus(5).getCode());
        awaitClients(CLIENTS_AT_REST);
    }

    /** Applies a new client certificate, then waits for calls through it, so that each client really connects. */
    private void rotate(int rotation, AtomicLong calls) throws InterruptedException {
        gateway.apply(resources(rotation));
        long target = calls.get() + CALLERS * 2L;
        await(() -> calls.get() >= target, "calls after rotation " + rotation);
    }

    private void awaitClients(double expected) throws InterruptedException {
        await(() -> clients() == expected, "upstream clients back to " + expected + " (now " + clients() + ")");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    private double clients() {
        return MetricSamples.of(gateway.metrics().registry()).value("legate_upstream_clients");
    }

    /**
     * The live threads by name, numbers left out, but for grpc-java's default executor: a cached pool that the
     * test's callers and upstream share, which grows with their concurrency and is none of the gateway's.
     */
    private static Map<String, Long> threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(thread -> thread.getName().replaceAll("[0-9a-f]{5,}|[0-9]+", "#"))
                .filter(name -> !name.startsWith("grpc-default-executor"))
                .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()));
    }

    private static long total(Map<String, Long> threads) {
        return threads.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long openFiles() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static SimpleRequest request(String text) {
        return SimpleRequest.newBuilder().setRequestMessage(text).build();
    }
}

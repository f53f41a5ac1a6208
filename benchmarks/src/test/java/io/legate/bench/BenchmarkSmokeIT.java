package io.legate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seconds-long smoke of the benchmark tools, directly and through the distribution's {@code bin/legate run}, so
 * that they cannot rot: the full benchmark runs only through {@code benchmarks/run.sh}.
 */
class BenchmarkSmokeIT {

    private static final Pattern LISTENING = Pattern.compile("legate listening on http [^:]+:(\\d+)");

    @TempDir
    static Path dir;
    private static Upstream upstream;
    private static Upstream second;
    private static Process legate;
    private static String legateAddress;

    @BeforeAll
    static void start() throws Exception {
        upstream = Upstream.start(0);
        second = Upstream.start(0);
        Upstream stopped = Upstream.start(0);
        String down = stopped.address();
        stopped.close();
        Path conf = LegateConf.write(dir.resolve("conf"), upstream.address());
        // The Mappings over three endpoints, one of which is down from the start.
        List<String> endpoints = List.of(upstream.address(), second.address(), down);
        LegateConf.writeEndpoints(conf.getParent(), endpoints, endpoints);
        Path home = Path.of(System.getProperty("legate.home", "../distribution/target/legate-0.1.0-SNAPSHOT"));
        assertTrue(Files.isExecutable(home.resolve("bin/legate")), home + "/bin/legate: build the distribution first");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/legate").toString(), "run").redirectErrorStream(true);
        builder.environment().putAll(Map.of("LEGATE_CONF", conf.toString(), "LEGATE_HTTP_PORT", "0",
                "LEGATE_HTTPS_PORT", "0", "LEGATE_ADMIN_PORT", "0"));
        legate = builder.start();
        CompletableFuture<String> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(port), "legate-output");
        reader.setDaemon(true);
        reader.start();
        legateAddress = "127.0.0.1:" + port.get(60, TimeUnit.SECONDS);
    }

    /** Completes {@code port} from the ready line, then keeps draining the output so that Legate never blocks. */
    private static void readOutput(CompletableFuture<String> port) {
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(legate.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(m.group(1));
                }
            }
        } catch (Exception e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("legate exited before listening:\n" + seen));
    }

    @AfterAll
    static void stop() throws Exception {
        if (legate != null) {
            legate.destroy();
            // Not a drain test: Legate's drain can wait its full 30 s after cancelled streams (seen with Hold).
            if (!legate.waitFor(3, TimeUnit.SECONDS)) {
                legate.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (upstream != null) {
            upstream.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void unaryCallsAreCountedWithTheirStatusDirectAndThroughLegate() throws Exception {
        for (String target : List.of(upstream.address(), legateAddress)) {
            try (Channels channels = new Channels(target, 2, null)) {
                assertEquals("Hello, world", UnaryLoad.check(channels), target);

                UnaryLoad.Result result = UnaryLoad.run(channels, 16, 0.2, 1.0);

                assertEquals(0, result.failed(), target + ": " + result.line());
                assertTrue(result.ok() > 0 && result.rps() > 0 && result.p99Ms() >= result.p50Ms(), result.line());
            }
        }
    }

    @Test
    void aMappingOverThreeEndpointsWithoutRetriesFailsTheCallsToTheOneThatIsDown() throws Exception {
        try (Channels channels = new Channels(legateAddress, 2, null, LegateConf.KILLED)) {
            UnaryLoad.Result result = UnaryLoad.run(channels, 16, 0, 1.0);

            assertTrue(result.statuses().getOrDefault("UNAVAILABLE", 0L) > 0, result.line());
            assertTrue(result.ok() > 0, result.line());
        }
    }

    @Test
    void theRetriedMappingOverThreeEndpointsFailsNoCallWhileOneIsDown() throws Exception {
        try (Channels channels = new Channels(legateAddress, 2, null, LegateConf.RETRIED)) {
            UnaryLoad.Result result = UnaryLoad.run(channels, 16, 0, 1.0);

            assertEquals(0, result.failed(), result.line());
            assertTrue(result.ok() > 0, result.line());
        }
    }

    @Test
    void theJettyCoreReferenceForwardsUnaryCallsWithTheirStatus() throws Exception {
        org.eclipse.jetty.server.Server floor = JettyCoreForwarder.start(0, upstream.address());
        try (Channels channels = new Channels("127.0.0.1:" + ReferenceRow.port(floor), 2, null)) {
            assertEquals("Hello, world", UnaryLoad.check(channels));

            UnaryLoad.Result result = UnaryLoad.run(channels, 16, 0.2, 1.0);

            assertEquals(0, result.failed(), result.line());
            assertTrue(result.ok() > 0, result.line());
        } finally {
            floor.stop();
        }
    }

    @Test
    void aLoadWithACallBudgetStopsAfterThatManyCalls() throws Exception {
        try (Channels channels = new Channels(upstream.address(), 2, null)) {
            UnaryLoad.Result result = UnaryLoad.run(channels, 16, 0, 30, 500);

            assertEquals(500, result.ok() + result.failed(), result.line());
            assertTrue(result.seconds() < 30 && result.rps() > 0, result.line());
        }
    }

    @Test
    void aFailedCallIsCountedByItsStatus() throws Exception {
        try (Channels nowhere = new Channels("127.0.0.1:1", 1, null)) {
            // The first call waits for the channel's first connection attempt, which a busy machine can delay past
            // a short window; once it has failed, the channel fails the next calls at once.
            String first = UnaryLoad.check(nowhere);
            assertTrue(first.startsWith("UNAVAILABLE"), first);

            UnaryLoad.Result result = UnaryLoad.run(nowhere, 4, 0, 0.5);

            assertEquals(0, result.ok(), result.line());
            assertTrue(result.statuses().getOrDefault("UNAVAILABLE", 0L) > 0, result.line());
        }
    }

    @Test
    void streamingDeliversEveryByteDirectAndThroughLegate() throws Exception {
        for (String target : List.of(upstream.address(), legateAddress)) {
            try (Channels channels = new Channels(target, 1, null)) {
                StreamLoad.Result result = StreamLoad.run(channels, 8, 64);

                assertTrue(result.complete(), target + ": " + result.line());
                assertTrue(result.mbPerSecond() > 0, result.line());
            }
        }
    }

    @Test
    void idleStreamsStayOpenThroughLegateWhileItsMemoryIsMeasured() throws Exception {
        try (Channels channels = new Channels(legateAddress, 4, null)) {
            IdleStreams.Result result = IdleStreams.run(channels, 200, List.of(legate.pid()), legate.pid(), 30);

            assertEquals(200, result.opened(), result.line());
            assertTrue(result.rssMib() > 0 && result.heapUsedMib() > 0 && result.heapLiveMib() > 0, result.line());
        }
    }
}

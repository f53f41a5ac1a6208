package io.legate.proxy;

import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.JettyLog;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import io.legate.testing.RawH2Connection;
import io.legate.testing.UpstreamServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A caller that closes its HTTP/2 connection while calls are in flight, as a load generator does when its run ends:
 * each call ends as the caller's cancellation, its upstream stream is cancelled, and nothing is logged as a warning.
 */
class CallerGoneTest {

    private static final String PREFIX = "/grpc.testing.SimpleService/";
    private static final int CALLS = 20;

    @TempDir
    Path logs;

    /**
     * Rounds of many quick unary calls on a connection closed once the first is answered: the others are at every
     * stage, from their request's headers to their reply's end, when their caller goes. Each ends, none is put down
     * to the upstream (a reply that cannot be written is the caller's doing), and nothing is logged as a warning.
     */
    @Test
    void aCallerClosingItsConnectionAmidQuickCallsEndsThemQuietlyAsItsOwnDoing() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start(); Gateway gateway = gateway(upstream);
             JettyLog log = JettyLog.capture()) {
            for (int round = 0; round < 30; round++) {
                try (RawH2Connection connection = RawH2Connection.open(gateway.port())) {
                    for (int stream = 1; stream < 2 * 200; stream += 2) {
                        connection.sendGrpcCall(stream, PREFIX + "UnaryRpc");
                    }
                    connection.awaitEnd(1);
                }
            }

            MetricSamples samples = settled(gateway);
            assertEquals(0, samples.value("legate_requests_in_flight"), "calls that never ended");
            assertEquals(List.of(), samples.series("legate_upstream_failures_total"), samples.toString());
            assertEquals(List.of(), log.warnings());
        }
    }

    @Test
    void callsWaitingForTheirUpstreamAreCancelledThereWhenTheirCallerCloses() throws Exception {
        String[] slow = {Behaviour.SLEEP_MS.name(), "30000"};
        callerClosesAmid("UnaryRpc", slow, "0", (upstream, connection) ->
                awaitSize(upstream.service().started(), CALLS, "calls begun upstream"));
    }

    @Test
    void streamsWhoseRepliesBeganAreCancelledUpstreamWhenTheirCallerCloses() throws Exception {
        String[] paced = {Behaviour.RESPONSES.name(), "1000", Behaviour.INTERVAL_MS.name(), "50"};
        callerClosesAmid("ServerStreamingRpc", paced, "200", (upstream, connection) -> {
            for (int stream = 1; stream < 2 * CALLS; stream += 2) {
                assertTrue(connection.awaitData(stream), "stream " + stream + " got no message");
            }
        });
    }

    /** What a test does with the calls in flight before their caller closes its connection. */
    private interface InFlight {
        void await(UpstreamServer upstream, RawH2Connection connection) throws Exception;
    }

    /**
     * Sends {@link #CALLS} calls of {@code method} with {@code headers}, closes the connection once {@code inFlight}
     * returns, and checks that each call was cancelled upstream and counted and logged with HTTP status
     * {@code status} (what the caller had got) and no gRPC status, with no upstream failure and no warning.
     */
    private void callerClosesAmid(String method, String[] headers, String status, InFlight inFlight) throws Exception {
        Path accessLog = logs.resolve("access.log");
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.start(Mappings.grpc("echo", PREFIX, upstream.address()),
                     Gateway.loopback().withAccessLog(accessLog));
             JettyLog log = JettyLog.capture()) {
            try (RawH2Connection connection = RawH2Connection.open(gateway.port())) {
                for (int stream = 1; stream < 2 * CALLS; stream += 2) {
                    connection.sendGrpcCall(stream, PREFIX + method, headers);
                }
                inFlight.await(upstream, connection);
            }

            awaitSize(upstream.service().cancelled(), CALLS, "calls cancelled upstream");
            MetricSamples samples = settled(gateway);
            String cancelled = "legate_requests_total{code=\"" + status + "\",grpc_status=\"\",mapping=\"echo\"}";
            assertEquals(CALLS, samples.value(cancelled), samples.toString());
            assertEquals(0, samples.value("legate_requests_in_flight"));
            assertEquals(List.of(), samples.series("legate_upstream_failures_total"));
            assertEquals(List.of(), log.warnings());
        }
        List<String> lines = Files.readAllLines(accessLog);
        assertEquals(CALLS, lines.size());
        String ending = "\"status\":" + status + ",\"grpc_status\":null,";
        assertEquals(List.of(), lines.stream().filter(line -> !line.contains(ending)).toList());
    }

    private static Gateway gateway(UpstreamServer upstream) throws Exception {
        return Gateway.start(Mappings.grpc("echo", PREFIX, upstream.address()));
    }

    private static MetricSamples settled(Gateway gateway) throws Exception {
        return MetricSamples.settled(() -> MetricSamples.of(gateway.metrics().registry()));
    }

    private static void awaitSize(Collection<?> seen, int size, String what) throws InterruptedException {
        for (int i = 0; i < 1000 && seen.size() < size; i++) {
            Thread.sleep(10);
        }
        assertTrue(seen.size() >= size, what + ": " + seen.size() + " after 10 s (expected: " + size + ")");
    }
}

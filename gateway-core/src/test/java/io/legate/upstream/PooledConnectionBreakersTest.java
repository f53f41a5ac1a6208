package io.legate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.testing.UpstreamServer;
import io.legate.tls.CertifiedKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Circuit breakers on the connections that HttpClient's pools carry: to TLS upstreams (real grpc-java servers speaking
 * h2 over TLS behind the gateway) and to HTTP/1.1 ones.
 */
class PooledConnectionBreakersTest {

    private static final CertifiedKey CA = TestCertificates.ca("upstream ca");
    private static final CertifiedKey GREETERS = TestCertificates.server(CA, "greeters", "127.0.0.1");
    private static final String SERVICE = "/grpc.testing.SimpleService/";

    private static String tls() {
        return Resources.caSecret("upstream-ca", CA) + Resources.tlsContext("upstream", "alpn_protocols: h2",
                "ca_secret: upstream-ca");
    }

    /** Ten calls at once, each held {@code sleepMs} by the upstream; each call's status and how long it took. */
    private static List<Outcome> burst(Gateway gateway, int sleepMs, int deadlineMs) throws Exception {
        SimpleServiceGrpc.SimpleServiceFutureStub stub = SimpleServiceGrpc.newFutureStub(gateway.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                        Behaviour.of().with(Behaviour.SLEEP_MS, sleepMs).metadata()))
                .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        List<ListenableFuture<SimpleResponse>> calls = new ArrayList<>();
        List<CompletableFuture<Long>> ends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CompletableFuture<Long> end = new CompletableFuture<>();
            ListenableFuture<SimpleResponse> call = stub.unaryRpc(SimpleRequest.getDefaultInstance());
            call.addListener(() -> end.complete(System.nanoTime()), Runnable::run);
            calls.add(call);
            ends.add(end);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Status status;
            try {
                calls.get(i).get(deadlineMs + 5000L, TimeUnit.MILLISECONDS);
                status = Status.OK;
            } catch (ExecutionException e) {
                status = Status.fromThrowable(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("a call did not end", e);
            }
            long end = ends.get(i).get(5, TimeUnit.SECONDS);
            outcomes.add(new Outcome(status, TimeUnit.NANOSECONDS.toMillis(end - start)));
        }
        return outcomes;
    }

    private record Outcome(Status status, long millis) {
        boolean refusedNaming(String limit) {
            return status.getCode() == Status.Code.UNAVAILABLE && status.getDescription() != null
                    && status.getDescription().contains(limit);
        }
    }

    @Test
    void aCallThatWouldOpenATlsConnectionOverMaxConnectionsIsAnsweredUnavailableAtOnce() throws Exception {
        try (UpstreamServer first = UpstreamServer.startTls(GREETERS);
             UpstreamServer second = UpstreamServer.startTls(GREETERS);
             Gateway gateway = Gateway.startWithResources(tls() + Mappings.grpc("greeters", SERVICE,
                     "https://greeters", "tls: upstream", "resolver: endpoint",
                     "circuit_breakers: [{max_connections: 1}]")
                     + Resources.endpoints("greeters", first.port(), second.port()))) {
            // The first call opens the one connection allowed, to one endpoint; calls to the other are refused.
            SimpleServiceGrpc.newBlockingStub(gateway.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .unaryRpc(SimpleRequest.getDefaultInstance());
            List<Outcome> outcomes = burst(gateway, 1000, 10_000);
            List<Outcome> refused = outcomes.stream().filter(o -> o.refusedNaming("max_connections (1)")).toList();
            List<Outcome> served = outcomes.stream().filter(o -> o.status().isOk()).toList();
            assertEquals(10, refused.size() + served.size(), outcomes.toString());
            assertTrue(refused.size() >= 4, outcomes.toString());
            long firstServed = served.stream().mapToLong(Outcome::millis).min().orElseThrow();
            assertTrue(refused.stream().allMatch(o -> o.millis() < firstServed), "refusals were not at once: " + outcomes);
            assertEquals(1, first.peakConnections() + second.peakConnections());
        }
    }

    @Test
    void callsOverMaxConnectionsToOneTlsEndpointShareItsConnectionsInsteadOfOpeningMore() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.startTls(GREETERS);
             Gateway gateway = Gateway.startWithResources(tls() + Mappings.grpc("greeters", SERVICE,
                     "https://" + upstream.address(), "tls: upstream",
                     "circuit_breakers: [{max_connections: 1}]"))) {
            List<Outcome> outcomes = burst(gateway, 200, 5000);
            assertTrue(outcomes.stream().allMatch(o -> o.status().isOk()), outcomes.toString());
            assertEquals(1, upstream.connectionsOpened());
        }
    }

    @Test
    void aCallWaitingForATlsConnectionBesideMaxPendingRequestsOthersIsAnsweredUnavailableAtOnce() throws Exception {
        // Takes connections and never answers their TLS handshake: every call waits for its connection to open.
        try (ServerSocket stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Gateway gateway = Gateway.startWithResources(tls() + Mappings.grpc("greeters", SERVICE,
                     "https://127.0.0.1:" + stalled.getLocalPort(), "tls: upstream",
                     "circuit_breakers: [{max_pending_requests: 1}]"))) {
            ListenableFuture<SimpleResponse> waiting = SimpleServiceGrpc.newFutureStub(gateway.channel())
                    .withDeadlineAfter(20, TimeUnit.SECONDS).unaryRpc(SimpleRequest.getDefaultInstance());
            stalled.setSoTimeout(10_000);
            try (Socket opening = stalled.accept()) {
                // One call waits for the connection being opened: every other one is over max_pending_requests.
                List<Outcome> outcomes = burst(gateway, 0, 10_000);
                assertTrue(outcomes.stream().allMatch(o -> o.refusedNaming("max_pending_requests (1)")),
                        outcomes.toString());
                assertTrue(outcomes.stream().allMatch(o -> o.millis() < 5000), "refusals were not at once: " + outcomes);
            } finally {
                waiting.cancel(true);
            }
            MetricSamples samples = MetricSamples.settled(() -> MetricSamples.of(gateway.metrics().registry()));
            assertEquals(10, samples.value("legate_upstream_failures_total{mapping=\"greeters\",reason=\"overflow\"}"));
        }
    }

    @Test
    void aTlsConnectionPastClusterMaxConnectionLifetimeIsReplacedByAFreshOne() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.startTls(GREETERS);
             Gateway gateway = Gateway.startWithResources(tls() + Mappings.grpc("greeters", SERVICE,
                     "https://" + upstream.address(), "tls: upstream", "cluster_max_connection_lifetime_ms: 50"))) {
            SimpleServiceGrpc.SimpleServiceBlockingStub stub = SimpleServiceGrpc.newBlockingStub(gateway.channel());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (int i = 0; i < 5000 && upstream.connectionsOpened() < 2 && System.nanoTime() < end; i++) {
                stub.withDeadlineAfter(20, TimeUnit.SECONDS).unaryRpc(SimpleRequest.getDefaultInstance());
            }
            assertTrue(upstream.connectionsOpened() >= 2, "one connection served every call");
        }
    }

    @Test
    void anHttp11CallFindingItsConnectionsBusyAtMaxConnectionsIsAnswered503AtOnceNamingTheLimit() throws Exception {
        try (EchoHttpServer upstream = EchoHttpServer.start();
             Gateway gateway = Gateway.startWithResources(Mappings.http("echo", upstream.address(), "prefix: /",
                     "circuit_breakers: [{max_connections: 1}]", "timeout_ms: 20000"))) {
            Socket held = holding(gateway.port());
            try {
                String reply = "";
                long took = 0;
                for (int i = 0; i < 200 && !reply.startsWith("HTTP/1.1 503"); i++) {
                    if (held.getInputStream().available() > 0) {
                        // The held call came after a call of the loop, and found the connection busy: hold another.
                        held.close();
                        held = holding(gateway.port());
                    }
                    long start = System.nanoTime();
                    reply = get(gateway.port());
                    took = System.nanoTime() - start;
                }
                assertTrue(reply.startsWith("HTTP/1.1 503"), reply);
                assertTrue(reply.contains("circuit breaker max_connections (1) reached"), reply);
                assertTrue(took < TimeUnit.SECONDS.toNanos(10), "the refused call waited " + took + " ns");
            } finally {
                held.close();
            }
        }
    }

    /** A call that sends its headers and not the body they announce: the upstream waits for it, on a connection. */
    private static Socket holding(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.getOutputStream().write("POST /held HTTP/1.1\r\nHost: echo\r\nContent-Length: 10\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static String get(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: echo\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

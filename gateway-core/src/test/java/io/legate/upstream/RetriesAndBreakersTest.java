package io.legate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.HelloWorld;
import io.legate.testing.NamedGreeter;
import io.legate.testing.UpstreamServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retries and circuit breakers through the whole gateway, with real grpc-java upstreams on loopback. */
class RetriesAndBreakersTest {

    private static String mapping(String service, String... extraLines) {
        StringBuilder yaml = new StringBuilder("""
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: upstream
                spec:
                  prefix: /
                  service: %s
                  grpc: true
                """.formatted(service));
        for (String line : extraLines) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.toString();
    }

    @Test
    void anUpstreamKilledUnderLoadFailsNoCallWhenUnavailableIsRetried() throws Exception {
        List<NamedGreeter> fleet = List.of(NamedGreeter.start("a"), NamedGreeter.start("b"), NamedGreeter.start("c"));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (Gateway gateway = Gateway.startWithResources(mapping("greeters", "resolver: endpoint",
                "retry_policy: {retry_on: unavailable, num_retries: 3}")
                + NamedGreeter.endpoints("greeters", fleet.toArray(NamedGreeter[]::new)))) {
            hello(gateway);
            AtomicInteger calls = new AtomicInteger();
            List<Throwable> failures = new ArrayList<>();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                running.add(callers.submit(() -> {
                    for (int i = 0; i < 400; i++) {
                        try {
                            hello(gateway);
                            calls.incrementAndGet();
                        } catch (StatusRuntimeException e) {
                            synchronized (failures) {
                                failures.add(e);
                            }
                        }
                    }
                }));
            }
            for (int i = 0; i < 500 && calls.get() < 300; i++) {
                Thread.sleep(10);
            }
            fleet.get(0).kill();
            int atKill = fleet.get(1).calls() + fleet.get(2).calls();
            for (Future<?> caller : running) {
                caller.get(30, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), failures);
            assertEquals(1600, calls.get());
            assertTrue(fleet.get(0).calls() > 0, "the killed upstream had calls before");
            assertTrue(fleet.get(1).calls() + fleet.get(2).calls() > atKill + 500, "the others took its share");
        } finally {
            callers.shutdownNow();
            for (NamedGreeter member : fleet) {
                member.close();
            }
        }
    }

    private static void hello(Gateway gateway) {
        ClientCalls.blockingUnaryCall(gateway.channel(), HelloWorld.SAY_HELLO,
                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), StringValue.of("x"));
    }

    @Test
    void aTrailersOnlyUnavailableAnswerIsTriedAgainAsOftenAsNumRetriesSays() throws Exception {
        try (NamedGreeter unavailable = NamedGreeter.failing("down", Status.UNAVAILABLE);
             Gateway gateway = Gateway.startWithResources(mapping("127.0.0.1:" + unavailable.port(),
                     "retry_policy: {retry_on: unavailable, num_retries: 2}"))) {
            StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> hello(gateway));
            assertEquals(Status.Code.UNAVAILABLE, failure.getStatus().getCode());
            assertEquals(3, unavailable.calls());
        }
    }

    @Test
    void anAnswerNotNamedInRetryOnIsNotTriedAgain() throws Exception {
        try (NamedGreeter internal = NamedGreeter.failing("broken", Status.INTERNAL);
             Gateway gateway = Gateway.startWithResources(mapping("127.0.0.1:" + internal.port(),
                     "retry_policy: {retry_on: unavailable, num_retries: 2}"))) {
            StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> hello(gateway));
            assertEquals(Status.Code.INTERNAL, failure.getStatus().getCode());
            assertEquals(1, internal.calls());
        }
    }

    @Test
    void aCallOverMaxRequestsIsAnsweredUnavailableAtOnceNamingTheLimit() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.startWithResources(mapping(upstream.address(),
                     "circuit_breakers: [{max_requests: 5}]"))) {
            SimpleServiceGrpc.SimpleServiceFutureStub slow = SimpleServiceGrpc.newFutureStub(gateway.channel())
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                            Behaviour.of().with(Behaviour.SLEEP_MS, 2000).metadata()));
            List<com.google.common.util.concurrent.ListenableFuture<SimpleResponse>> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                held.add(slow.unaryRpc(SimpleRequest.getDefaultInstance()));
            }
            for (int i = 0; i < 250 && upstream.service().started().size() < 5; i++) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            for (int i = 0; i < 45; i++) {
                StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                        () -> SimpleServiceGrpc.newBlockingStub(gateway.channel())
                                .unaryRpc(SimpleRequest.getDefaultInstance()));
                assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
                assertTrue(refused.getStatus().getDescription().contains("max_requests (5)"),
                        refused.getStatus().getDescription());
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "refusals were not at once");
            for (var call : held) {
                call.get(5, TimeUnit.SECONDS);
            }
        }
    }
}

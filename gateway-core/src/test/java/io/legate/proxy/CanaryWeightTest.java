package io.legate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.UpstreamServer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Emissary's canary: Mappings of one prefix split its calls by their weights, through a running gateway. */
class CanaryWeightTest {

    private static final int CALLS = 2_000;
    private static final String PREFIX = "/grpc.testing.SimpleService/";

    @Test
    void weightsOf10And90SendEachUpstreamItsShareWithinFivePoints() throws Exception {
        try (UpstreamServer canary = UpstreamServer.start();
             UpstreamServer stable = UpstreamServer.start();
             Gateway gateway = Gateway.start(canary("quote-canary", canary, 10) + canary("quote-stable", stable, 90))) {
            Map<String, Integer> counts = new TreeMap<>();
            for (int i = 0; i < CALLS; i++) {
                AtomicReference<Metadata> headers = new AtomicReference<>();
                SimpleServiceGrpc.newBlockingStub(gateway.channel())
                        .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()))
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("quote").build());
                counts.merge(headers.get().get(Behaviour.ECHO_INITIAL), 1, Integer::sum);
            }

            assertEquals(CALLS, counts.getOrDefault("quote-canary", 0) + counts.getOrDefault("quote-stable", 0),
                    counts.toString());
            assertShare(10, counts.getOrDefault("quote-canary", 0), counts);
            assertShare(90, counts.getOrDefault("quote-stable", 0), counts);
        }
    }

    /** A Mapping whose upstream answers with its name, echoed from a header the Mapping adds. */
    private static String canary(String name, UpstreamServer upstream, int weight) {
        return Mappings.grpc(name, PREFIX, upstream.address(), "weight: " + weight,
                "add_request_headers: {" + Behaviour.ECHO_INITIAL.name() + ": " + name + "}");
    }

    private static void assertShare(int percent, int calls, Map<String, Integer> counts) {
        double share = 100.0 * calls / CALLS;
        System.out.printf("%s: %.1f %% of %d calls (weight %d)%n", counts, share, CALLS, percent);
        assertTrue(Math.abs(share - percent) <= 5, "expected " + percent + " % +/- 5, got " + share + " %: " + counts);
    }
}

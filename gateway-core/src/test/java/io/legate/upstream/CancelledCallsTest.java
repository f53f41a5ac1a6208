package io.legate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.MetricSamples;
import io.legate.testing.UpstreamServer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calls their callers give up on, through a Mapping over several endpoints. */
class CancelledCallsTest {

    private static final int CALLS_PER_ENDPOINT = 5;

    @Test
    void callsTheCallerCancelsAreNotCountedAgainstTheirEndpoints() throws Exception {
        try (UpstreamServer a = UpstreamServer.start();
             UpstreamServer b = UpstreamServer.start();
             Gateway gateway = Gateway.startWithResources(resources(a, b))) {
            SimpleServiceGrpc.SimpleServiceFutureStub slow = SimpleServiceGrpc.newFutureStub(gateway.channel())
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                            Behaviour.of().with(Behaviour.SLEEP_MS, 30_000).metadata()));
            List<ListenableFuture<SimpleResponse>> held = new ArrayList<>();
            for (int i = 0; i < 2 * CALLS_PER_ENDPOINT; i++) {
                held.add(slow.unaryRpc(SimpleRequest.getDefaultInstance()));
            }
            awaitSize(a.service().started(), CALLS_PER_ENDPOINT, "calls started on a");
            awaitSize(b.service().started(), CALLS_PER_ENDPOINT, "calls started on b");

            held.forEach(call -> call.cancel(true));

            awaitSize(a.service().cancelled(), CALLS_PER_ENDPOINT, "calls cancelled on a");
            awaitSize(b.service().cancelled(), CALLS_PER_ENDPOINT, "calls cancelled on b");
            MetricSamples samples = settled(gateway, a, b);
            for (UpstreamServer upstream : List.of(a, b)) {
                assertEquals(CALLS_PER_ENDPOINT, samples.value(series("calls", upstream)), upstream.address());
                assertEquals(0, samples.value(series("failures", upstream)), upstream.address());
                assertEquals(0, samples.value(series("ejections", upstream)), upstream.address());
            }
        }
    }

    private static String resources(UpstreamServer a, UpstreamServer b) {
        return """
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: pair
                spec:
                  prefix: /
                  service: pair
                  resolver: endpoint
                  grpc: true
                ---
                apiVersion: v1
                kind: Endpoints
                metadata:
                  name: pair
                subsets:
                - addresses: [{ip: 127.0.0.1}]
                  ports: [{port: %d}]
                - addresses: [{ip: 127.0.0.1}]
                  ports: [{port: %d}]
                """.formatted(a.port(), b.port());
    }

    private static String series(String what, UpstreamServer upstream) {
        return "legate_upstream_endpoint_" + what + "_total{endpoint=\"" + upstream.address()
                + "\",upstream=\"http://pair:80\"}";
    }

    /** The metrics once neither endpoint has a call in flight: a try is counted as it ends. */
    private static MetricSamples settled(Gateway gateway, UpstreamServer... upstreams) throws Exception {
        MetricSamples samples = MetricSamples.of(gateway.metrics().registry());
        for (int i = 0; i < 500 && inFlight(samples, upstreams) > 0; i++) {
            Thread.sleep(10);
            samples = MetricSamples.of(gateway.metrics().registry());
        }
        assertEquals(0, inFlight(samples, upstreams), "calls in flight after 5 s");
        return MetricSamples.of(gateway.metrics().registry());
    }

    private static double inFlight(MetricSamples samples, UpstreamServer... upstreams) {
        double sum = 0;
        for (UpstreamServer upstream : upstreams) {
            sum += samples.value("legate_upstream_endpoint_in_flight{endpoint=\"" + upstream.address()
                    + "\",upstream=\"http://pair:80\"}");
        }
        return sum;
    }

    private static void awaitSize(Collection<?> seen, int size, String what) throws InterruptedException {
        for (int i = 0; i < 500 && seen.size() < size; i++) {
            Thread.sleep(10);
        }
        assertTrue(seen.size() >= size, what + ": " + seen.size() + " after 5 s (expected: " + size + ")");
    }
}

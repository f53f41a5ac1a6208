package io.legate.admin;

import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import io.legate.testing.UpstreamServer;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} on the admin listener: its formats, and what it counts of a real gateway's traffic and writes. */
class MetricsEndpointTest {

    private static final SimpleRequest HELLO = SimpleRequest.newBuilder().setRequestMessage("hello").build();

    @TempDir
    Path home;

    private static MetricSamples scrape(AdminGateway admin) throws Exception {
        HttpResponse<String> response = admin.get("/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return MetricSamples.parse(response.body());
    }

    private static MetricSamples settled(AdminGateway admin) throws Exception {
        return MetricSamples.settled(() -> scrape(admin));
    }

    /** The series as the text format writes it, labels in alphabetical order. */
    private static String requests(String mapping, String grpcStatus) {
        return "legate_requests_total{code=\"200\",grpc_status=\"" + grpcStatus + "\",mapping=\"" + mapping + "\"}";
    }

    private static String writes(String kind, String outcome) {
        return "legate_admin_writes_total{kind=\"" + kind + "\",outcome=\"" + outcome + "\"}";
    }

    @Test
    void metricsNeedNoTokenAndAreInThePrometheusTextFormat() throws Exception {
        try (AdminGateway admin = AdminGateway.start(home, "s3cret")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(admin.uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals(0, MetricSamples.parse(response.body()).value("legate_requests_in_flight"));
        }
    }

    @Test
    void openMetricsIsAnsweredWhenAcceptAsksForIt() throws Exception {
        try (AdminGateway admin = AdminGateway.start(home)) {
            HttpResponse<String> response = admin.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");

            assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().endsWith("# EOF\n"), response.body());
        }
    }

    @Test
    void grpcCallsThroughTheGatewayAreCountedByMappingAndTheStatusTheCallerGot() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (UpstreamServer upstream = UpstreamServer.start(); AdminGateway admin = AdminGateway.start(home)) {
            admin.post("/api/v1/apply", YAML, Mappings.grpc("simple", "/grpc.testing.SimpleService/UnaryRpc", upstream.address())
                    + Mappings.grpc("down", "/grpc.testing.SimpleService/EmptyCall", "127.0.0.1:" + closedPort));
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", admin.httpPort()).usePlaintext().build();
            try {
                SimpleServiceGrpc.SimpleServiceBlockingStub stub = SimpleServiceGrpc.newBlockingStub(channel);
                stub.unaryRpc(HELLO);
                assertThrows(StatusRuntimeException.class, () -> stub.withInterceptors(MetadataUtils
                        .newAttachHeadersInterceptor(Behaviour.of().with(Behaviour.STATUS, 5).metadata())).unaryRpc(HELLO));
                assertThrows(StatusRuntimeException.class, () -> stub.serverStreamingRpc(HELLO).next());
                assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(channel, SimpleServiceGrpc
                        .getUnaryRpcMethod().toBuilder().setFullMethodName("grpc.testing.SimpleService/EmptyCall").build(),
                        CallOptions.DEFAULT, HELLO));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }

            MetricSamples samples = settled(admin);
            assertEquals(1, samples.value(requests("simple", "0")));
            assertEquals(1, samples.value(requests("simple", "5")));
            assertEquals(1, samples.value(requests("", "12")));
            assertEquals(1, samples.value(requests("down", "14")));
            assertEquals(4, samples.series("legate_requests_total").size(), samples.toString());
            assertEquals(1, samples.value("legate_upstream_failures_total{mapping=\"down\",reason=\"unreachable\"}"));
            assertEquals(2, samples.value("legate_request_duration_seconds_count{mapping=\"simple\"}"));
        }
    }

    @Test
    void adminWritesAreCountedByKindAndOutcome() throws Exception {
        try (AdminGateway admin = AdminGateway.start(home)) {
            String mapping = Mappings.grpc("m", "/m/", "127.0.0.1:1");
            admin.put("/api/v1/mappings/m", YAML, mapping);
            admin.put("/api/v1/mappings/m", YAML, mapping);
            admin.put("/api/v1/mappings/m", YAML, Mappings.grpc("m", "/m/", "127.0.0.1:2"));
            assertEquals(409, admin.post("/api/v1/mappings", YAML, mapping).statusCode());
            admin.delete("/api/v1/mappings/m");
            admin.post("/api/v1/apply", YAML, mapping + Mappings.grpc("n", "/n/", "127.0.0.1:1"));
            assertEquals(422, admin.post("/api/v1/apply", YAML, Mappings.grpc("bad", "/b/", "127.0.0.1:abc")).statusCode());

            MetricSamples samples = scrape(admin);
            assertEquals(3, samples.value(writes("mappings", "created")));
            assertEquals(1, samples.value(writes("mappings", "unchanged")));
            assertEquals(1, samples.value(writes("mappings", "changed")));
            assertEquals(1, samples.value(writes("mappings", "deleted")));
            assertEquals(1, samples.value(writes("mappings", "refused")));
            assertEquals(1, samples.value(writes("", "refused")));
        }
    }

    @Test
    void aWriteRefusedForWantOfTheTokenIsCountedAsRefused() throws Exception {
        try (AdminGateway admin = AdminGateway.start(home, "s3cret")) {
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(admin.uri("/api/v1/hosts/h"))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(401, anonymous.statusCode());
            assertEquals(1, scrape(admin).value(writes("hosts", "refused")));
        }
    }

    @Test
    void eachWriteSwapsOneRouteTableAndTheRoutesServingAreShown() throws Exception {
        try (AdminGateway admin = AdminGateway.start(home)) {
            double before = scrape(admin).value("legate_route_table_swaps_total");
            admin.put("/api/v1/mappings/a", YAML, Mappings.grpc("a", "/a/", "127.0.0.1:1"));
            admin.put("/api/v1/mappings/b", YAML, Mappings.grpc("b", "/b/", "127.0.0.1:1"));

            MetricSamples samples = scrape(admin);
            assertEquals(before + 2, samples.value("legate_route_table_swaps_total"));
            assertEquals(2, samples.value("legate_routes"));
        }
    }

    @Test
    void whatFailedToLoadIsCountedApartForResourcesAndPlugins() throws Exception {
        AdminGateway.writeResourcesThatFailToLoad(home);
        Files.createDirectories(home.resolve("plugins"));
        Files.writeString(home.resolve("plugins/broken.jar"), "not a jar");
        try (AdminGateway admin = AdminGateway.start(home)) {
            MetricSamples samples = scrape(admin);

            assertEquals(2, samples.value("legate_resources_failed"));
            assertEquals(1, samples.value("legate_plugins_failed"));
            assertEquals(0, samples.value("legate_plugins_loaded"));
        }
    }

    @Test
    void theJvmsMetricsAreShown() throws Exception {
        try (AdminGateway admin = AdminGateway.start(home)) {
            MetricSamples samples = scrape(admin);

            assertTrue(samples.value("jvm_memory_used_bytes{area=\"heap\"}") > 0);
            assertTrue(samples.value("process_cpu_seconds_total") > 0);
        }
    }
}

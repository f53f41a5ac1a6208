package io.legate.admin;

import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.config.StoreConfig;
import io.legate.testing.EtcdServer;
import io.legate.testing.Mappings;
import io.legate.testing.UpstreamServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways sharing one configuration in a real etcd: what one gateway (or {@code etcdctl}) writes routes on the
 * others; If-Match and 409 hold across gateways; etcd going away leaves routes serving and refuses writes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EtcdFleetTest {

    private static final String SERVICE = "/grpc.testing.SimpleService/";
    private static final Duration ROUTES_WITHIN = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private EtcdServer etcd;
    private UpstreamServer upstream;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    @BeforeAll
    static void etcdInstalled() {
        assumeTrue(EtcdServer.installed(), "etcd and etcdctl are not on the PATH: .ci/run installs Debian's"
                + " etcd-server and etcd-client");
    }

    @BeforeEach
    void startEtcd() throws Exception {
        etcd = EtcdServer.start(dir.resolve("etcd"));
        upstream = UpstreamServer.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
        upstream.close();
        etcd.close();
    }

    private AdminGateway gateway(String name) throws Exception {
        return gateway(name, etcd.endpoint());
    }

    private AdminGateway gateway(String name, URI endpoint) throws Exception {
        AdminGateway gateway = AdminGateway.start(dir.resolve(name), null,
                StoreConfig.etcd(List.of(endpoint), StoreConfig.DEFAULT_PREFIX));
        started.push(gateway);
        return gateway;
    }

    private String mapping(String name) {
        return Mappings.grpc(name, SERVICE, upstream.address());
    }

    /** Whether a gRPC call through {@code gateway} reaches the upstream (false: no route, 12 UNIMPLEMENTED). */
    private boolean routes(AdminGateway gateway) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.httpPort()).usePlaintext().build();
        try {
            SimpleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("ping").build());
            return true;
        } catch (StatusRuntimeException e) {
            assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode(), e::toString);
            return false;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Fails unless a call through {@code gateway} reaches the upstream within {@code within}. */
    private void assertRoutesWithin(AdminGateway gateway, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!routes(gateway)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no route after " + within.toMillis() + " ms");
            }
            Thread.sleep(10);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void aWriteThroughOneGatewayRoutesThroughAnotherWithinOneSecond() throws Exception {
        AdminGateway first = gateway("first");
        AdminGateway second = gateway("second");
        assertFalse(routes(second));

        assertEquals(201, first.put("/api/v1/mappings/greeter", YAML, mapping("greeter")).statusCode());

        assertRoutesWithin(second, ROUTES_WITHIN);
    }

    @Test
    void aStaleIfMatchThroughTheSecondGatewayAnswers412() throws Exception {
        AdminGateway first = gateway("first");
        AdminGateway second = gateway("second");
        String seen = first.put("/api/v1/mappings/greeter", YAML, mapping("greeter")).headers().firstValue("ETag").orElseThrow();
        assertEquals(200, first.put("/api/v1/mappings/greeter", YAML, mapping("greeter") + "  timeout_ms: 5000\n",
                "If-Match", seen).statusCode());

        HttpResponse<String> stale = second.put("/api/v1/mappings/greeter", YAML,
                mapping("greeter") + "  timeout_ms: 7000\n", "If-Match", seen);

        assertEquals(412, stale.statusCode(), stale::body);
        assertEquals("5000", json(second.get("/api/v1/mappings/greeter")).path("spec").path("timeout_ms").asText());
    }

    @Test
    void aPostOfANameCreatedThroughAnotherGatewayAnswers409() throws Exception {
        AdminGateway first = gateway("first");
        AdminGateway second = gateway("second");
        assertEquals(201, first.post("/api/v1/mappings", YAML, mapping("greeter")).statusCode());

        HttpResponse<String> taken = second.post("/api/v1/mappings", YAML, mapping("greeter"));

        assertEquals(409, taken.statusCode(), taken::body);
    }

    @Test
    void aKeyPutWithEtcdctlRoutes() throws Exception {
        AdminGateway gateway = gateway("first");

        etcd.etcdctl("put", "/legate/mappings/greeter", mapping("greeter").replaceFirst("^---\n", ""));

        assertRoutesWithin(gateway, ROUTES_WITHIN);
        assertEquals("greeter", json(gateway.get("/api/v1/mappings/greeter")).path("metadata").path("name").asText());
    }

    @Test
    void aValueThatDoesNotLoadIsReportedInReadyzByKeyAndTheOthersStillRoute() throws Exception {
        AdminGateway gateway = gateway("first");

        etcd.etcdctl("put", "/legate/mappings/broken", Mappings.grpc("broken", "/b/", "127.0.0.1:abc").replaceFirst("^---\n", ""));
        etcd.etcdctl("put", "/legate/mappings/greeter", mapping("greeter").replaceFirst("^---\n", ""));

        assertRoutesWithin(gateway, ROUTES_WITHIN);
        JsonNode failed = json(gateway.get("/readyz")).path("failedToLoad");
        assertEquals(1, failed.size(), failed::toString);
        assertEquals("/legate/mappings/broken", failed.get(0).path("source").asText(), failed::toString);
        assertEquals("spec.service", failed.get(0).path("field").asText(), failed::toString);
    }

    @Test
    void anApplyAboveEtcdsTransactionLimitIsRefusedWholeWith413() throws Exception {
        AdminGateway gateway = gateway("first");
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 129; i++) {
            file.append(Mappings.grpc("m" + i, "/svc" + i + "/", upstream.address()));
        }

        HttpResponse<String> refused = gateway.post("/api/v1/apply", YAML, file.toString());

        assertEquals(413, refused.statusCode(), refused::body);
        assertTrue(json(refused).path("detail").asText().contains("at most 128"), refused::body);
        assertEquals(0, json(gateway.get("/api/v1/mappings")).path("items").size());
        assertEquals("", etcd.etcdctl("get", "--prefix", "/legate/mappings/").strip());
    }

    @Test
    void withEtcdKilledCallsKeepRoutingWritesAnswer503AndReadyzSaysSo() throws Exception {
        AdminGateway first = gateway("first");
        AdminGateway second = gateway("second");
        first.put("/api/v1/mappings/greeter", YAML, mapping("greeter"));
        assertRoutesWithin(second, ROUTES_WITHIN);

        etcd.kill();

        assertTrue(routes(first));
        assertTrue(routes(second));
        HttpResponse<String> refused = second.put("/api/v1/mappings/other", YAML, Mappings.grpc("other", "/o/", upstream.address()));
        assertEquals(503, refused.statusCode(), refused::body);
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        awaitReadyz(second, "etcd: unavailable since ");
        assertTrue(json(second.get("/readyz")).path("store").asText().matches("etcd: unavailable since \\S+, revision \\d+"));
        assertTrue(second.get("/metrics").body().contains("legate_store_up 0"));
    }

    @Test
    void whenEtcdIsBackAWriteRoutesEverywhere() throws Exception {
        AdminGateway first = gateway("first");
        AdminGateway second = gateway("second");
        etcd.kill();
        awaitReadyz(first, "etcd: unavailable");
        assertEquals(503, first.put("/api/v1/mappings/lost", YAML, mapping("lost")).statusCode());

        etcd.start();
        awaitReadyz(first, "etcd: up");

        assertEquals(201, first.put("/api/v1/mappings/greeter", YAML, mapping("greeter")).statusCode());
        assertRoutesWithin(first, ROUTES_WITHIN);
        assertRoutesWithin(second, ROUTES_WITHIN);
        assertEquals(404, second.get("/api/v1/mappings/lost").statusCode(), "a write answered 503 is never applied");
    }

    @Test
    void aGatewayStartedLastServesWhatWasWrittenBeforeIt() throws Exception {
        AdminGateway first = gateway("first");
        first.put("/api/v1/mappings/greeter", YAML, mapping("greeter"));

        AdminGateway last = gateway("last");

        assertTrue(routes(last));
    }

    @Test
    void aGatewayCutOffFromEtcdDuringWritesAndACompactionReadsEverythingAgainOnReturn() throws Exception {
        AdminGateway first = gateway("first");
        TcpRelay link = TcpRelay.to(etcd.endpoint());
        started.push(link);
        AdminGateway cutOff = gateway("cut-off", link.endpoint());
        first.put("/api/v1/mappings/old", YAML, Mappings.grpc("old", SERVICE, upstream.address()));
        assertRoutesWithin(cutOff, ROUTES_WITHIN);

        link.cut();
        awaitReadyz(cutOff, "etcd: unavailable");
        first.delete("/api/v1/mappings/old");
        first.put("/api/v1/mappings/greeter", YAML, mapping("greeter"));
        etcd.etcdctl("compact", Long.toString(etcd.revision()));
        link.restore();

        awaitReadyz(cutOff, "etcd: up");
        assertEquals(404, cutOff.get("/api/v1/mappings/old").statusCode());
        assertEquals(200, cutOff.get("/api/v1/mappings/greeter").statusCode());
        assertTrue(routes(cutOff));
    }

    @Test
    void aGatewayStartedWhileEtcdIsDownServesItsResourcesAndSaysSo() throws Exception {
        etcd.kill();
        Files.createDirectories(dir.resolve("alone/resources"));
        Files.writeString(dir.resolve("alone/resources/greeter.yaml"), mapping("greeter"));

        AdminGateway alone = gateway("alone");

        assertTrue(routes(alone));
        assertTrue(json(alone.get("/readyz")).path("store").asText().startsWith("etcd: unavailable since "));
    }

    @Test
    void instancesListEachLiveGatewayWithTheRevisionItServes() throws Exception {
        AdminGateway first = gateway("first");
        AdminGateway second = gateway("second");
        long revision = Long.parseLong(json(first.post("/api/v1/apply", YAML, mapping("greeter")))
                .path("results").get(0).path("resourceVersion").asText());

        JsonNode instances = awaitInstances(second, 2, revision);
        assertTrue(instances.path("items").get(0).path("name").asText().contains("127.0.0.1:"), instances::toString);

        started.remove(first);
        first.close();
        awaitInstances(second, 1, revision);
    }

    /** Waits, 2 s at most, until {@code count} gateways are listed, each serving {@code revision} or later. */
    private static JsonNode awaitInstances(AdminGateway gateway, int count, long revision) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        JsonNode instances = json(gateway.get("/api/v1/instances"));
        while (instances.path("items").size() != count || !allServe(instances, revision)) {
            assertTrue(System.nanoTime() < deadline, "not " + count + " instances at revision " + revision + ": " + instances);
            Thread.sleep(20);
            instances = json(gateway.get("/api/v1/instances"));
        }
        return instances;
    }

    private static boolean allServe(JsonNode instances, long revision) {
        for (JsonNode instance : instances.path("items")) {
            if (instance.path("revision").asLong() < revision) {
                return false;
            }
        }
        return true;
    }

    /** Waits, a few seconds at most, until {@code /readyz}'s {@code store} starts with {@code state}. */
    private static void awaitReadyz(AdminGateway gateway, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String store = "";
        while (System.nanoTime() < deadline) {
            store = json(gateway.get("/readyz")).path("store").asText();
            if (store.startsWith(state)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("/readyz says store: \"" + store + "\", not \"" + state + "…\" after 10 s");
    }
}

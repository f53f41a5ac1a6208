package io.legate.admin;

import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.legate.config.StoreConfig;
import io.legate.testing.EtcdServer;
import io.legate.testing.Mappings;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Gateways on a three-member etcd cluster on loopback: a member killed under writes loses no accepted write. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EtcdClusterTest {

    private static final int WRITES = 60;
    /** How long the two members left may take to elect a leader and answer writes again. */
    private static final Duration FAILOVER = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aMemberKilledUnderWritesLosesNoWriteThatWasAnsweredAsStored() throws Exception {
        assumeTrue(EtcdServer.installed(), "etcd and etcdctl are not on the PATH: .ci/run installs Debian's"
                + " etcd-server and etcd-client");
        List<EtcdServer> members = EtcdServer.cluster(dir.resolve("etcd"), 3);
        List<URI> endpoints = members.stream().map(EtcdServer::endpoint).toList();
        StoreConfig store = StoreConfig.etcd(endpoints, StoreConfig.DEFAULT_PREFIX);
        try (AdminGateway first = AdminGateway.start(dir.resolve("first"), null, store);
             AdminGateway second = AdminGateway.start(dir.resolve("second"), null, store)) {
            for (int i = 0; i < WRITES; i++) {
                if (i == WRITES / 3) {
                    members.get(0).kill();
                }
                putUntilStored(i % 2 == 0 ? first : second, name(i),
                        Mappings.grpc(name(i), "/svc" + i + "/", "127.0.0.1:9"));
            }

            awaitStored(first, name(WRITES - 1));
            awaitStored(second, name(WRITES - 1));
            String keys = members.get(1).etcdctl("get", "--prefix", "--keys-only", "/legate/mappings/");
            for (int i = 0; i < WRITES; i++) {
                String name = name(i);
                assertTrue(keys.contains("/legate/mappings/" + name + "\n"), name + " is missing from etcd");
                assertEquals(200, first.get("/api/v1/mappings/" + name).statusCode(), name + " on the first gateway");
                assertEquals(200, second.get("/api/v1/mappings/" + name).statusCode(), name + " on the second gateway");
            }
        } finally {
            for (EtcdServer member : members) {
                member.close();
            }
        }
    }

    private static String name(int write) {
        return "m" + write;
    }

    /**
     * PUTs {@code body} as a client would while a member is down: a 503 (etcd electing a leader, or the gateway
     * seeing etcd away for a moment) is retried until {@link #FAILOVER}; anything else fails the test.
     */
    private static void putUntilStored(AdminGateway gateway, String name, String body) throws Exception {
        long deadline = System.nanoTime() + FAILOVER.toNanos();
        while (true) {
            HttpResponse<String> response = gateway.put("/api/v1/mappings/" + name, YAML, body);
            int status = response.statusCode();
            if (status == 201 || status == 200) {
                return;
            }
            assertEquals(503, status, "PUT " + name + " answered " + response.body());
            assertTrue(System.nanoTime() < deadline, "PUT " + name + " still answered 503 after " + FAILOVER.toSeconds()
                    + " s with two of three members up: " + response.body());
            Thread.sleep(100);
        }
    }

    /** Waits, a second at most, until {@code gateway} serves the Mapping {@code name}: the watch's lag. */
    private static void awaitStored(AdminGateway gateway, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (gateway.get("/api/v1/mappings/" + name).statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, name + " does not reach the gateway within 1 s");
            Thread.sleep(10);
        }
    }
}

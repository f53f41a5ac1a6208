package io.legate.admin;

import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.legate.config.StoreConfig;
import io.legate.testing.EtcdServer;
import io.legate.testing.Mappings;
import io.legate.testing.TestCertificates;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The etcd store over TLS with a client certificate, and with etcd's users: what keeps key material from others. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EtcdSecurityTest {

    private static final String MAPPING = Mappings.grpc("greeter", "/greeter/", "127.0.0.1:9");

    @TempDir
    Path dir;

    @BeforeAll
    static void etcdInstalled() {
        assumeTrue(EtcdServer.installed(), "etcd and etcdctl are not on the PATH: .ci/run installs Debian's"
                + " etcd-server and etcd-client");
    }

    private Path pem(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void aGatewayWithTheCaAndAClientCertificateWritesToAnEtcdThatTakesOnlyTls() throws Exception {
        var ca = TestCertificates.ca("etcd test CA");
        var server = TestCertificates.server(ca, "127.0.0.1", "localhost");
        var client = TestCertificates.client(ca, "legate");
        Path caFile = pem("ca.pem", TestCertificates.certificatePem(ca));
        try (EtcdServer etcd = EtcdServer.startTls(dir.resolve("etcd"), pem("server.pem", TestCertificates.certificatePem(server)),
                pem("server.key", TestCertificates.pkcs8Pem(server.key())), caFile)) {
            StoreConfig store = new StoreConfig(StoreConfig.Type.ETCD, List.of(etcd.endpoint()), StoreConfig.DEFAULT_PREFIX,
                    null, null, caFile, pem("client.pem", TestCertificates.certificatePem(client)),
                    pem("client.key", TestCertificates.pkcs8Pem(client.key())));
            try (AdminGateway gateway = AdminGateway.start(dir.resolve("gateway"), null, store)) {
                HttpResponse<String> created = gateway.put("/api/v1/mappings/greeter", YAML, MAPPING);

                assertEquals(201, created.statusCode(), created::body);
                assertTrue(gateway.get("/readyz").body().contains("etcd: up, revision"));
            }
        }
    }

    @Test
    void aGatewayWithItsEtcdUserWritesToAnEtcdWithAuthenticationOn() throws Exception {
        try (EtcdServer etcd = EtcdServer.start(dir.resolve("etcd"))) {
            etcd.etcdctl("user", "add", "root:rootpw");
            etcd.etcdctl("auth", "enable");
            StoreConfig store = new StoreConfig(StoreConfig.Type.ETCD, List.of(etcd.endpoint()), StoreConfig.DEFAULT_PREFIX,
                    "root", "rootpw", null, null, null);
            try (AdminGateway gateway = AdminGateway.start(dir.resolve("gateway"), null, store)) {
                HttpResponse<String> created = gateway.put("/api/v1/mappings/greeter", YAML, MAPPING);

                assertEquals(201, created.statusCode(), created::body);
                assertTrue(etcd.etcdctl("--user", "root:rootpw", "get", "--keys-only", "--prefix", "/legate/mappings/")
                        .contains("/legate/mappings/greeter"));
            }
        }
    }
}

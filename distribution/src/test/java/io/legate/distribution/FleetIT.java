package io.legate.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.legate.distribution.LegateScript.Result;
import io.legate.testing.EtcdServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real {@code bin/legate} trees sharing one configuration in a real etcd ({@code store: {type: etcd}}). */
class FleetIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private EtcdServer etcd;
    private Installation first;
    private Installation last;

    @BeforeEach
    void startEtcd() throws Exception {
        assumeTrue(EtcdServer.installed(), "etcd and etcdctl are not on the PATH: .ci/run installs Debian's etcd-server"
                + " and etcd-client");
        etcd = EtcdServer.start(dir.resolve("etcd"));
        first = fleetMember("first");
        last = fleetMember("last");
    }

    @AfterEach
    void stopAll() throws Exception {
        if (first != null) {
            first.legate("stop");
            first.killWhatIsLeft();
            last.legate("stop");
            last.killWhatIsLeft();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    private Installation fleetMember(String name) throws IOException {
        Installation installation = Installation.copyInto(dir.resolve(name));
        Files.writeString(installation.home().resolve("conf/legate.yaml"),
                "store: {type: etcd, endpoints: [" + etcd.endpoint() + "], prefix: /legate/}\n");
        return installation;
    }

    private static String mapping(String name) {
        return "apiVersion: getambassador.io/v3alpha1\nkind: Mapping\nmetadata:\n  name: " + name
                + "\nspec:\n  prefix: /" + name + "/\n  service: 127.0.0.1:9\n";
    }

    private static String get(Installation gateway, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Whether {@code gateway} routes {@code path} to a Mapping now. */
    private static boolean routes(Installation gateway, String path) throws Exception {
        return JSON.readTree(get(gateway, "/api/v1/routes/match?path=" + path)).path("matched").isTextual();
    }

    private Result apply(Installation gateway, String name, String... options) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, mapping(name));
        return gateway.legate(Stream.concat(Stream.of("apply", "-f", file.toString()), Stream.of(options)).toArray(String[]::new));
    }

    @Test
    void writesThroughEitherGatewayRouteOnBothApplyWaitsForTheFleetAndEtcdGoingAwayLeavesRoutesServing() throws Exception {
        assertEquals(0, first.legate("start").exitCode());
        Result applied = apply(first, "before");
        assertEquals(0, applied.exitCode(), applied::toString);

        assertEquals(0, last.legate("start").exitCode());
        assertTrue(routes(last, "/before/x"), "a gateway started last serves what was written before it");

        Result waited = apply(last, "after", "--wait");
        assertEquals(0, waited.exitCode(), waited::toString);
        assertTrue(waited.out().contains("served by 2 gateway(s) at revision "), waited::toString);
        assertTrue(routes(first, "/after/x"), "apply --wait returned before the first gateway served the write");

        etcd.kill();
        Result refused = apply(first, "refused");
        assertTrue(refused.exitCode() != 0, refused::toString);
        assertTrue(refused.toString().contains("etcd is unavailable") || refused.toString().contains("503"), refused::toString);
        assertTrue(routes(first, "/after/x"));
        long noticed = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String ready = get(first, "/readyz");
        while (!JSON.readTree(ready).path("store").asText().startsWith("etcd: unavailable since ")) {
            assertTrue(System.nanoTime() < noticed, "/readyz does not say that etcd is away after 10 s: " + ready);
            Thread.sleep(20);
            ready = get(first, "/readyz");
        }
    }
}

package io.legate.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.distribution.LegateScript.Result;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code start}, {@code status}, {@code stop} on a copy of the tree (its logs/ must not end up in the build
 * output), on free loopback ports. The tests follow one gateway through its life, hence the order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackgroundLifecycleIT {

    private Installation installation;
    private Path home;
    private Map<String, String> env;

    @BeforeAll
    void copyTheTree(@TempDir Path dir) throws IOException {
        installation = Installation.copyInto(dir);
        home = installation.home();
        env = installation.env();
        // A resource that does not validate must be reported and skipped, never keep the gateway from starting.
        Files.writeString(home.resolve("conf/resources/broken.yaml"), """
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: broken
                spec:
                  prefix: /broken/
                  service: 127.0.0.1:abc
                """);
    }

    private Result legate(String... args) throws Exception {
        return installation.legate(args);
    }

    /** A test that failed half-way must not leave a gateway behind. */
    @AfterAll
    void killWhatIsLeft() throws IOException {
        installation.killWhatIsLeft();
    }

    @Test
    @Order(1)
    void statusOfAGatewayNeverStartedExitsWith3() throws Exception {
        Result result = legate("status");

        assertEquals(3, result.exitCode(), result::toString);
        assertEquals("legate is not running\n", result.out());
    }

    @Test
    @Order(2)
    void startReturnsOnceTheGatewayListensOnTheGivenPorts() throws Exception {
        Result result = legate("start");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("legate started (pid "), result::toString);
        assertTrue(result.out().contains(":" + env.get("LEGATE_HTTP_PORT")), result::toString);
        assertTrue(Files.isRegularFile(home.resolve("logs/legate.log")));
    }

    @Test
    @Order(3)
    void aResourceThatDoesNotValidateIsLoggedByFileAndFieldAndSkipped() throws Exception {
        assumeStarted();
        String log = Files.readString(home.resolve("logs/legate.log"));
        assertTrue(log.contains("broken.yaml: Mapping/broken: spec.service: "), log);

        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + env.get("LEGATE_HTTP_PORT") + "/broken/x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, reply.statusCode(), reply::body);
    }

    @Test
    @Order(3)
    void theGatewayRunsWithABoundedHeap() throws Exception {
        assumeStarted();
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + env.get("LEGATE_ADMIN_PORT") + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        String heapMax = metrics.body().lines().filter(line -> line.startsWith("jvm_memory_max_bytes{area=\"heap\"}"))
                .findFirst().orElseThrow(() -> new AssertionError(metrics.body()));
        double bytes = Double.parseDouble(heapMax.substring(heapMax.lastIndexOf(' ') + 1));
        // -Xmx1g of bin/legate; some collectors report a little less than the maximum they were given.
        assertTrue(bytes > 900.0 * 1024 * 1024 && bytes <= 1024.0 * 1024 * 1024, heapMax);
    }

    @Test
    @Order(3)
    void statusOfARunningGatewayNamesItsPid() throws Exception {
        assumeStarted();
        String pid = Files.readString(home.resolve("logs/legate.pid")).trim();

        Result result = legate("status");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("legate is running (pid " + pid + ")\n", result.out());
    }

    @Test
    @Order(3)
    void applyGetAndDeleteChangeTheRunningGatewaysResources() throws Exception {
        assumeStarted();
        Path file = Files.writeString(home.resolve("emissary.yaml"), """
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: grpc-py
                spec:
                  hostname: "*"
                  grpc: true
                  prefix: /helloworld.Greeter/
                  rewrite: /helloworld.Greeter/
                  service: 127.0.0.1:50051
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Module
                metadata:
                  name: ambassador
                spec:
                  config:
                    strip_any_host_port: true
                """);

        Result apply = legate("apply", "-f", file.toString());
        Result list = legate("get", "mappings");
        Result delete = legate("delete", "mapping", "grpc-py");
        Result gone = legate("get", "mapping", "grpc-py");

        assertEquals(0, apply.exitCode(), apply::toString);
        assertTrue(apply.out().contains("outcome: \"created\""), apply::toString);
        assertTrue(list.out().contains("name: \"grpc-py\""), list::toString);
        assertEquals("deleted mappings/grpc-py\n", delete.out(), delete::toString);
        assertEquals(1, gone.exitCode(), gone::toString);
        assertTrue(gone.err().contains("\"detail\" : \"Mapping/grpc-py not found\""), gone::toString);
    }

    @Test
    @Order(3)
    void applyOfAnInvalidFilePrintsTheServersProblemAndExitsWith1() throws Exception {
        assumeStarted();
        Path file = Files.writeString(home.resolve("invalid.yaml"),
                "apiVersion: getambassador.io/v3alpha1\nkind: Mapping\nmetadata: {name: np}\nspec: {service: a:1}\n");

        Result apply = legate("apply", "-f", file.toString());

        assertEquals(1, apply.exitCode(), apply::toString);
        assertTrue(apply.err().contains("\"field\" : \"spec.prefix\""), apply::toString);
    }

    @Test
    @Order(4)
    void aSecondStartIsRefused() throws Exception {
        assumeStarted();

        Result result = legate("start");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("legate: already running (pid "), result::toString);
    }

    @Test
    @Order(5)
    void stopDrainsAndThenStatusExitsWith3() throws Exception {
        assumeStarted();

        Result stop = legate("stop");

        assertEquals(0, stop.exitCode(), stop::toString);
        assertTrue(stop.out().startsWith("legate stopped (pid "), stop::toString);
        assertTrue(Files.readString(home.resolve("logs/legate.log")).contains("legate stopped\n"));
        assertEquals(3, legate("status").exitCode());
    }

    private void assumeStarted() {
        installation.assumeStarted();
    }
}

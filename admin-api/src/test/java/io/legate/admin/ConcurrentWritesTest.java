package io.legate.admin;

import static io.legate.admin.AdminApiTest.json;
import static io.legate.admin.AdminGateway.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.legate.testing.Mappings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 200 writers at once: distinct names all land; on one name, If-Match turns races into retries, never lost updates. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentWritesTest extends AdminGatewayTest {

    private static final int WRITERS = 200;

    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static String counter(long value) {
        return Mappings.grpc("counter", "/c/", "127.0.0.1:1", "precedence: " + value);
    }

    @Test
    void everyAcknowledgedWriteOfADistinctNameIsStoredAndRouted() throws Exception {
        List<Future<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            String name = "m-" + i;
            writes.add(pool.submit(() -> admin.put("/api/v1/mappings/" + name, YAML,
                    Mappings.grpc(name, "/" + name + "/", "127.0.0.1:1")).statusCode()));
        }
        for (Future<Integer> write : writes) {
            assertEquals(201, write.get());
        }

        assertEquals(WRITERS, json(admin.get("/api/v1/mappings")).path("items").size());
        assertEquals(WRITERS, admin.gateway().routes().routes().size());
        try (Stream<Path> files = Files.list(home.resolve("data/mappings"))) {
            assertEquals(WRITERS, files.count());
        }
    }

    @Test
    void racingIncrementsOfOneNameWithIfMatchLoseNoUpdate() throws Exception {
        admin.put("/api/v1/mappings/counter", YAML, counter(0));
        List<Future<Integer>> increments = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            increments.add(pool.submit(this::incrementCounter));
        }
        int retries = 0;
        for (Future<Integer> increment : increments) {
            retries += increment.get();
        }

        HttpResponse<String> stored = admin.get("/api/v1/mappings/counter");
        assertEquals(WRITERS, json(stored).path("spec").path("precedence").asInt(), "after " + retries + " retries");
    }

    /** Read, add one, write back if unchanged meanwhile; answers how many times it had to start again. */
    private int incrementCounter() throws Exception {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            HttpResponse<String> current = admin.get("/api/v1/mappings/counter");
            long value = json(current).path("spec").path("precedence").asLong();
            HttpResponse<String> write = admin.put("/api/v1/mappings/counter", YAML, counter(value + 1),
                    "If-Match", current.headers().firstValue("ETag").orElseThrow());
            if (write.statusCode() == 200) {
                return attempt;
            }
            assertEquals(412, write.statusCode(), write::body);
        }
        throw new AssertionError("no increment in 10000 attempts");
    }
}

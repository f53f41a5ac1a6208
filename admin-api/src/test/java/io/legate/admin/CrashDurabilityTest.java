package io.legate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.legate.resource.LoadResult;
import io.legate.resource.ResourceLoader;
import io.legate.testing.Mappings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's durability: a forked gateway is killed with SIGKILL while writers are in flight, again and
 * again, over one data directory. After each restart every acknowledged write is there with the acknowledged
 * content (or a later write whose answer the kill swallowed, never an older one), the admin API agrees with
 * the files, every file parses, no temporary or stray file is left, nothing failed to load, and every stored
 * Mapping routes.
 *
 * <p>SIGKILL leaves the page cache alone, so this proves atomicity against a process crash (no torn file, no
 * write answered before it reached the file system), not the fsyncs against a power loss.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrashDurabilityTest {

    private static final int ROUNDS = 5;
    private static final int WRITERS = 4;
    /** Names each writer keeps replacing, across rounds; every other write of a writer goes to a new name. */
    private static final int REPLACED_PER_WRITER = 3;
    private static final int START_SECONDS = 20;
    /** {@code AtomicFiles.TEMP_PREFIX}, which is package-private in the store. */
    private static final String TEMP_PREFIX = ".tmp-";
    private static final Pattern STORE_FILE = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?\\.yaml");
    private static final Pattern VERSIONED_PREFIX = Pattern.compile("/(.+)/v(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path home;

    private ForkedGateway gateway;
    private ExecutorService writers;
    private final long seed = System.nanoTime();
    /** Every write ever sent, by name; one writer thread owns a name, so each history is in sending order. */
    private final Map<String, History> histories = new ConcurrentHashMap<>();
    private final List<String> rejected = Collections.synchronizedList(new ArrayList<>());

    private enum Outcome { ACKNOWLEDGED, UNKNOWN, REJECTED }

    /** Write number {@code seq} of a name; {@code document} and {@code version} as acknowledged. */
    private record Attempt(int seq, Outcome outcome, String version, JsonNode document) {
    }

    private static final class History {
        final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        /** The newest write found stored so far: a later restart may not find an older one. */
        int seen = -1;

        int lastAcknowledged() {
            synchronized (attempts) {
                for (int i = attempts.size() - 1; i >= 0; i--) {
                    if (attempts.get(i).outcome() == Outcome.ACKNOWLEDGED) {
                        return i;
                    }
                }
            }
            return -1;
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (writers != null) {
            writers.shutdownNow();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesRepeatedSigkillsWholeAndRoutesAfterTheRestart() throws Exception {
        Path conf = home.resolve("conf/legate.yaml");
        Files.createDirectories(conf.resolveSibling("resources"));
        Files.writeString(conf, """
                listeners:
                  bind: 127.0.0.1
                admin:
                  bind: 127.0.0.1
                resources_dir: resources
                data_dir: ../data
                """);
        Path data = home.resolve("data");
        Random random = new Random(seed);
        List<String> rounds = new ArrayList<>();

        for (int round = 0; round < ROUNDS; round++) {
            gateway = ForkedGateway.start(conf, START_SECONDS);
            verify(data, round == 0 ? "the first start" : "the restart after crash " + round);

            HttpClient client = client();
            AtomicBoolean stop = new AtomicBoolean();
            writers = Executors.newFixedThreadPool(WRITERS);
            int before = acknowledgedCount();
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int w = writer;
                int r = round;
                running.add(writers.submit(() -> write(client, r, w, stop)));
            }
            long killAfter = 100 + random.nextInt(501);
            Thread.sleep(killAfter);
            gateway.kill();
            stop.set(true);
            writers.shutdown();
            assertTrue(writers.awaitTermination(30, TimeUnit.SECONDS), "writers still running 30 s after the kill");
            for (Future<?> writer : running) {
                writer.get();
            }
            assertEquals(List.of(), rejected, "writes answered neither 200 nor 201");
            rounds.add("round " + round + ": killed after " + killAfter + " ms, " + (acknowledgedCount() - before)
                    + " writes acknowledged, " + temporaryFiles(data) + " temporary files left by the kill");
        }

        gateway = ForkedGateway.start(conf, START_SECONDS);
        verify(data, "the restart after the last crash");
        int acknowledged = acknowledgedCount();
        long unknown = histories.values().stream().flatMap(h -> h.attempts.stream())
                .filter(a -> a.outcome() == Outcome.UNKNOWN).count();
        System.out.println("CrashDurabilityTest seed " + seed + ": " + acknowledged + " acknowledged, " + unknown
                + " unanswered writes, " + histories.size() + " names\n  " + String.join("\n  ", rounds));
        assertTrue(acknowledged > 0, "no write was acknowledged in " + ROUNDS + " rounds: " + rounds);
    }

    /** One writer: a new name, then a replacement of one of its own names, and so on until the gateway dies. */
    private void write(HttpClient client, int round, int writer, AtomicBoolean stop) {
        for (int i = 0; !stop.get(); i++) {
            String name = i % 2 == 0
                    ? "new-r" + round + "-w" + writer + "-" + i
                    : "replaced-w" + writer + "-" + (i / 2) % REPLACED_PER_WRITER;
            if (!write(client, name)) {
                return;
            }
        }
    }

    /** Sends write number {@code seq} of {@code name}; false when it got no answer. */
    private boolean write(HttpClient client, String name) {
        History history = histories.computeIfAbsent(name, n -> new History());
        int seq = history.attempts.size();
        String body = Mappings.grpc(name, "/" + name + "/v" + seq + "/", "127.0.0.1:1", "timeout_ms: " + timeout(seq));
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/api/v1/mappings/" + name))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", AdminGateway.YAML)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                String etag = answer.headers().firstValue("ETag").orElse("");
                history.attempts.add(new Attempt(seq, Outcome.ACKNOWLEDGED, etag.replace("\"", ""), JSON.readTree(answer.body())));
            } else {
                history.attempts.add(new Attempt(seq, Outcome.REJECTED, null, null));
                rejected.add(name + " v" + seq + ": " + answer.statusCode() + " " + answer.body());
            }
            return true;
        } catch (IOException e) {
            history.attempts.add(new Attempt(seq, Outcome.UNKNOWN, null, null));
            return false;
        } catch (InterruptedException e) {
            history.attempts.add(new Attempt(seq, Outcome.UNKNOWN, null, null));
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int timeout(int seq) {
        return 1000 + seq;
    }

    /** Checks the store on disk and through the API after a (re)start; fails with every problem found. */
    private void verify(Path data, String when) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> stored = storedFiles(data, problems);

        for (Map.Entry<String, History> entry : histories.entrySet()) {
            String name = entry.getKey();
            History history = entry.getValue();
            int floor = Math.max(history.lastAcknowledged(), history.seen);
            JsonNode document = stored.get(name);
            if (document == null) {
                if (floor >= 0) {
                    problems.add(name + ": gone, though v" + floor + " was acknowledged or seen stored");
                }
                continue;
            }
            Matcher prefix = VERSIONED_PREFIX.matcher(document.path("spec").path("prefix").asText());
            if (!prefix.matches() || !prefix.group(1).equals(name)
                    || Integer.parseInt(prefix.group(2)) >= history.attempts.size()) {
                problems.add(name + ": stores a write never sent: " + document);
                continue;
            }
            int seq = Integer.parseInt(prefix.group(2));
            Attempt attempt = history.attempts.get(seq);
            if (seq < floor) {
                problems.add(name + ": stores v" + seq + ", older than v" + floor + ", which was acknowledged or seen stored");
            }
            switch (attempt.outcome()) {
                case ACKNOWLEDGED -> {
                    if (!attempt.document().equals(document)) {
                        problems.add(name + ": v" + seq + " stored as " + document + ", acknowledged as " + attempt.document());
                    }
                    if (!attempt.version().equals(document.path("metadata").path("resourceVersion").asText())) {
                        problems.add(name + ": v" + seq + " acknowledged with ETag " + attempt.version() + ", stored as " + document);
                    }
                }
                case UNKNOWN -> {
                    if (document.path("spec").path("timeout_ms").asInt() != timeout(seq)
                            || document.path("metadata").path("resourceVersion").asText().isEmpty()) {
                        problems.add(name + ": v" + seq + " (unanswered) stored wrongly: " + document);
                    }
                }
                case REJECTED -> problems.add(name + ": v" + seq + " was rejected, yet stored");
            }
            history.seen = seq;
        }
        for (String name : stored.keySet()) {
            if (!histories.containsKey(name)) {
                problems.add(name + ": stored, but never written");
            }
        }
        problems.addAll(apiDisagreements(stored));

        assertEquals(List.of(), problems, "after " + when + " (seed " + seed + "); the gateway's output:\n" + gateway.output());
    }

    /**
     * The documents of {@code data/mappings/<name>.yaml}, by name, each loaded with the gateway's own loader;
     * temporary, stray, torn and misnamed files are problems.
     */
    private static Map<String, JsonNode> storedFiles(Path data, List<String> problems) throws IOException {
        Map<String, JsonNode> stored = new TreeMap<>();
        if (!Files.exists(data)) {
            return stored;
        }
        ResourceLoader loader = new ResourceLoader();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(f -> !Files.isDirectory(f)).sorted().toList();
        }
        for (Path file : files) {
            Path relative = data.relativize(file);
            String fileName = file.getFileName().toString();
            if (fileName.startsWith(TEMP_PREFIX)) {
                problems.add(relative + ": a temporary file left after the restart");
                continue;
            }
            if (relative.getNameCount() != 2 || !relative.getName(0).toString().equals("mappings")
                    || !STORE_FILE.matcher(fileName).matches() || !Files.isRegularFile(file)) {
                problems.add(relative + ": a stray file (only data/mappings/<name>.yaml are written)");
                continue;
            }
            LoadResult loaded = loader.loadFiles(List.of(file));
            String name = fileName.substring(0, fileName.length() - ".yaml".length());
            if (!loaded.errors().isEmpty() || loaded.resources().size() != 1
                    || !loaded.resources().get(0).name().equals(name)) {
                problems.add(relative + ": torn or invalid: " + loaded.problems() + "\n" + Files.readString(file));
                continue;
            }
            stored.put(name, YAML.readTree(file.toFile()));
        }
        return stored;
    }

    /** Where the admin API differs from the files: each resource, the list, {@code /readyz} and the route table. */
    private List<String> apiDisagreements(Map<String, JsonNode> stored) throws Exception {
        List<String> problems = new ArrayList<>();
        HttpClient client = client();
        for (String name : histories.keySet()) {
            HttpResponse<String> answer = get(client, "/api/v1/mappings/" + name);
            JsonNode document = stored.get(name);
            if (document == null) {
                if (answer.statusCode() != 404) {
                    problems.add("GET " + name + ": " + answer.statusCode() + " " + answer.body() + ", yet no file");
                }
            } else if (answer.statusCode() != 200 || !JSON.readTree(answer.body()).equals(document)
                    || !answer.headers().firstValue("ETag").orElse("")
                    .equals("\"" + document.path("metadata").path("resourceVersion").asText() + "\"")) {
                problems.add("GET " + name + ": " + answer.statusCode() + " " + answer.headers().firstValue("ETag")
                        + " " + answer.body() + ", but the file holds " + document);
            }
        }
        HttpResponse<String> list = get(client, "/api/v1/mappings");
        if (list.statusCode() != 200 || JSON.readTree(list.body()).path("items").size() != stored.size()) {
            problems.add("GET /api/v1/mappings: " + list.statusCode() + " " + list.body() + ", the store has "
                    + stored.size() + " files");
        }
        HttpResponse<String> ready = get(client, "/readyz");
        JsonNode readiness = JSON.readTree(ready.body());
        if (ready.statusCode() != 200 || !readiness.path("failedToLoad").isArray()
                || !readiness.path("failedToLoad").isEmpty() || readiness.path("routes").asInt() != stored.size()) {
            problems.add("/readyz: " + ready.statusCode() + " " + readiness + " for " + stored.size() + " stored Mappings");
        }
        HttpResponse<String> table = get(client, "/api/v1/routes");
        Map<String, String> routes = new TreeMap<>();
        for (JsonNode route : JSON.readTree(table.body()).path("routes")) {
            routes.put(route.path("name").asText(), route.path("path").asText());
        }
        Map<String, String> expected = new TreeMap<>();
        stored.forEach((name, document) -> expected.put(name, "prefix " + document.path("spec").path("prefix").asText()));
        if (table.statusCode() != 200 || !routes.equals(expected)) {
            problems.add("GET /api/v1/routes: " + table.statusCode() + " " + table.body() + ", but the store holds " + expected);
        }
        return problems;
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private int acknowledgedCount() {
        return (int) histories.values().stream().flatMap(h -> List.copyOf(h.attempts).stream())
                .filter(a -> a.outcome() == Outcome.ACKNOWLEDGED).count();
    }

    private static long temporaryFiles(Path data) throws IOException {
        if (!Files.exists(data)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(data)) {
            return walk.filter(f -> f.getFileName().toString().startsWith(TEMP_PREFIX)).count();
        }
    }
}

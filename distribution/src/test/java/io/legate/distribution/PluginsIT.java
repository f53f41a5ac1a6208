package io.legate.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.legate.distribution.LegateScript.Result;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.MetricSamples;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins in the real tree, started by the real script: the built-in ones from {@code lib/}, a third party's jar
 * (the example {@code request_id} plugin, as its module packaged it) and a corrupt jar dropped into
 * {@code plugins/}. The tests follow one gateway, configured through the admin API as they go, hence the order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginsIT {

    /** The example plugin's jar, built by the reactor before this module (failsafe passes the path). */
    private static final Path EXAMPLE_PLUGIN_JAR = Path.of(System.getProperty("example.plugin.jar"));
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private Installation installation;
    private EchoHttpServer upstream;

    @BeforeAll
    void installPluginsAndStart(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(EXAMPLE_PLUGIN_JAR), EXAMPLE_PLUGIN_JAR + " is missing: build it first, e.g."
                + " mvn -o -pl distribution -am verify");
        installation = Installation.copyInto(dir);
        Path plugins = installation.home().resolve("plugins");
        Files.copy(EXAMPLE_PLUGIN_JAR, plugins.resolve(EXAMPLE_PLUGIN_JAR.getFileName()));
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        Files.write(plugins.resolve("broken.jar"), garbage);

        upstream = EchoHttpServer.start();
        Files.writeString(installation.home().resolve("conf/resources/echo.yaml"), """
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: echo
                spec:
                  prefix: /echo/
                  service: %s
                """.formatted(upstream.address()));

        Result start = installation.legate("start");
        assertEquals(0, start.exitCode(), start::toString);
    }

    /** Stopped whatever happened before; killed if {@code stop} could not end it. */
    @AfterAll
    void stop() throws Exception {
        try {
            Result stop = installation == null ? null : installation.stop();
            if (stop != null) {
                assertEquals(0, stop.exitCode(), stop::toString);
            }
        } finally {
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    @Test
    @Order(1)
    void theBuiltInPluginsComeFromLibAndTheThirdPartyOneFromItsJar() throws IOException {
        assumeStarted();
        String log = Files.readString(installation.logFile());

        List<String> builtIn = builtInFactories();
        assertTrue(builtIn.containsAll(List.of("io.legate.plugins.hostport.HostPortFactory",
                "io.legate.plugins.headerrouting.HeaderRoutingFactory")), builtIn::toString);
        for (String factory : builtIn) {
            Pattern loaded = Pattern.compile("plugin '[a-z0-9_]+' \\(" + Pattern.quote(factory)
                    + " from class path\\) loaded");
            assertTrue(loaded.matcher(log).find(), factory + " not loaded from lib/:\n" + log);
        }
        assertTrue(Pattern.compile("plugin 'request_id' \\(com\\.acme\\.requestid\\.RequestIdFactory from "
                + "\\S*/plugins/" + Pattern.quote(EXAMPLE_PLUGIN_JAR.getFileName().toString()) + "\\) loaded")
                .matcher(log).find(), log);
        assertTrue(log.contains("broken.jar"), "the corrupt jar is not logged:\n" + log);
    }

    /** The factories the built-in plugins' jars in {@code lib/} list. */
    private List<String> builtInFactories() throws IOException {
        List<String> builtIn = new ArrayList<>();
        for (String module : List.of("host-port", "header-routing", "grpc-web", "auth-service")) {
            builtIn.addAll(factories(installation.home().resolve("lib/legate-plugin-" + module + "-"
                    + LegateScript.VERSION + ".jar")));
        }
        return builtIn;
    }

    /** The factories {@code jar} lists for {@link java.util.ServiceLoader} (none in a module still empty). */
    private static List<String> factories(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry services = file.getJarEntry("META-INF/services/io.legate.plugin.PluginFactory");
            if (services == null) {
                return List.of();
            }
            try (InputStream in = file.getInputStream(services)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(line -> line.replaceFirst("#.*", "").strip())
                        .filter(line -> !line.isEmpty())
                        .toList();
            }
        }
    }

    @Test
    @Order(2)
    void aRequestWithoutAnIdGetsOneTheUpstreamSeesAndTheResponseEchoes() throws Exception {
        assumeStarted();

        HttpResponse<String> response = get("/echo/hello", null, null);

        assertEquals(200, response.statusCode(), response::body);
        String id = response.headers().firstValue("x-request-id").orElseThrow(
                () -> new AssertionError("no x-request-id on the response: " + response.headers()));
        assertTrue(id.matches(UUID), id);
        assertEquals(id, seenUpstream(response, "x-request-id"));
    }

    @Test
    @Order(2)
    void aRequestsOwnIdIsKept() throws Exception {
        assumeStarted();

        HttpResponse<String> response = get("/echo/hello", "x-request-id", "caller-chose-this-1");

        assertEquals(200, response.statusCode(), response::body);
        assertEquals("caller-chose-this-1", response.headers().firstValue("x-request-id").orElse(null));
        assertEquals("caller-chose-this-1", seenUpstream(response, "x-request-id"));
    }

    @Test
    @Order(2)
    void theShippedSettingsLogEachCallToLogsAccessLog() throws Exception {
        assumeStarted();

        assertEquals(200, get("/echo/logged", "x-request-id", "access-log-probe").statusCode());

        // The log is written by a thread of its own: the line comes a moment after the reply.
        Path log = installation.home().resolve("logs/access.log");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String line = null;
        while (line == null && System.nanoTime() < deadline) {
            line = Files.exists(log) ? Files.readAllLines(log).stream()
                    .filter(l -> l.contains("\"request_id\":\"access-log-probe\"")).findFirst().orElse(null) : null;
            if (line == null) {
                Thread.sleep(20);
            }
        }
        assertTrue(line != null, "no line for the call in " + log);
        JsonNode call = JSON.readTree(line);
        assertEquals("/echo/logged", call.get("path").asText(), line);
        assertEquals("echo", call.get("mapping").asText(), line);
        assertEquals(upstream.address(), call.get("upstream").asText(), line);
        assertEquals(200, call.get("status").asInt(), line);
    }

    @Test
    @Order(2)
    void readyzNamesTheCorruptJarAndTheGatewayServesAllTheSame() throws Exception {
        assumeStarted();

        HttpResponse<String> ready = adminGet("/readyz");

        assertEquals(200, ready.statusCode(), ready::body);
        JsonNode answer = JSON.readTree(ready.body());
        assertEquals("ready", answer.path("status").asText(), ready.body());
        assertEquals(1, answer.path("routes").asInt(), ready.body());
        List<JsonNode> failed = StreamSupport.stream(answer.path("failedToLoad").spliterator(), false).toList();
        assertEquals(1, failed.size(), "only broken.jar failed: " + ready.body());
        assertTrue(failed.get(0).path("source").asText().endsWith("/plugins/broken.jar"), ready.body());
        assertTrue(failed.get(0).path("message").asText().startsWith("not a readable jar"), ready.body());
        assertEquals("error", failed.get(0).path("severity").asText(), ready.body());

        HttpResponse<String> routed = get("/echo/still-serving", null, null);
        assertEquals(200, routed.statusCode(), routed::body);
        assertTrue(routed.body().startsWith("GET /still-serving\n"), routed::body);
    }

    @Test
    @Order(2)
    void validateChecksSettingsWithThePluginsOfThePluginsDirectory(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.yaml"), module("request_id: {header: x-trace-id}\n"));
        Path bad = Files.writeString(dir.resolve("bad.yaml"), module("acme_audit: {}\n"));

        Result accepted = installation.legate("validate", good.toString());
        Result refused = installation.legate("validate", bad.toString());

        assertEquals(0, accepted.exitCode(), accepted::toString);
        assertTrue(accepted.out().lines().anyMatch(line -> line.contains("/plugins/broken.jar: not a readable jar")), accepted::toString);
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.out().contains(bad + ": Module/ambassador: spec.config.acme_audit: no plugin named"
                + " 'acme_audit' is loaded"), refused::toString);
    }

    @Test
    @Order(3)
    void aModuleConfiguringThePluginIsAcceptedAndTakesEffect() throws Exception {
        assumeStarted();

        HttpResponse<String> put = putModuleConfig("request_id: {header: x-trace-id}\n");
        assertEquals(201, put.statusCode(), put::body);

        HttpResponse<String> response = get("/echo/traced", null, null);
        assertEquals(200, response.statusCode(), response::body);
        String id = response.headers().firstValue("x-trace-id").orElseThrow(
                () -> new AssertionError("no x-trace-id on the response: " + response.headers()));
        assertTrue(id.matches(UUID), id);
        assertEquals(id, seenUpstream(response, "x-trace-id"));
        assertTrue(response.headers().firstValue("x-request-id").isEmpty(), response.headers()::toString);
        assertFalse(response.body().contains("\nx-request-id: "), response::body);
    }

    @Test
    @Order(4)
    void aModuleNamingAPluginThatIsNotInstalledIsRefusedAndChangesNothing() throws Exception {
        assumeStarted();

        HttpResponse<String> put = putModuleConfig("request_id: {header: x-other-id}\nacme_audit: {}\n");

        assertEquals(422, put.statusCode(), put::body);
        assertEquals("application/problem+json", put.headers().firstValue("content-type").orElse(""));
        JsonNode problem = JSON.readTree(put.body());
        assertEquals(422, problem.path("status").asInt(), put.body());
        assertEquals("Module/ambassador", problem.path("resource").asText(), put.body());
        JsonNode first = problem.path("problems").path(0);
        assertEquals("spec.config.acme_audit", first.path("field").asText(), put.body());
        assertTrue(first.path("message").asText().startsWith("no plugin named 'acme_audit' is loaded (loaded: "
                + "request_id, host_port, header_routing"), put.body());
        assertEquals(1, problem.path("problems").size(), put.body());

        HttpResponse<String> response = get("/echo/unchanged", null, null);
        assertTrue(response.headers().firstValue("x-trace-id").isPresent(), "the refused Module took effect: "
                + response.headers());
        assertTrue(response.headers().firstValue("x-other-id").isEmpty(), response.headers()::toString);
    }

    @Test
    @Order(4)
    void metricsCountThePluginsLoadedAndFailedAndTheRequestsServed() throws Exception {
        assumeStarted();

        HttpResponse<String> metrics = adminGet("/metrics");

        assertEquals(200, metrics.statusCode(), metrics::body);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("content-type").orElse(""));
        MetricSamples samples = MetricSamples.parse(metrics.body());
        assertEquals(builtInFactories().size() + 1, samples.value("legate_plugins_loaded"), "the built-in ones and request_id");
        assertEquals(1, samples.value("legate_plugins_failed"), "broken.jar");
        assertTrue(samples.value("legate_requests_total{code=\"200\",grpc_status=\"\",mapping=\"echo\"}") > 0);
        assertTrue(samples.value("jvm_threads_current") > 0);
    }

    @Test
    @Order(5)
    void aModuleConfiguringAPluginWhoseJarWasRemovedFailsEveryRequestClosedUntilTheJarIsBack() throws Exception {
        assumeStarted();
        Path jar = installation.home().resolve("plugins").resolve(EXAMPLE_PLUGIN_JAR.getFileName());
        Path aside = installation.home().resolve(EXAMPLE_PLUGIN_JAR.getFileName());

        restartAfter(() -> Files.move(jar, aside));
        HttpResponse<String> refused = get("/echo/without-its-plugin", null, null);
        JsonNode unavailable = JSON.readTree(adminGet("/readyz").body()).path("unavailable");
        restartAfter(() -> Files.move(aside, jar));
        HttpResponse<String> served = get("/echo/with-its-plugin", null, null);

        String message = "plugin 'request_id' is not loaded (Module/ambassador configures it)";
        assertEquals(503, refused.statusCode(), refused::body);
        assertTrue(refused.body().contains(message), refused::body);
        assertEquals(1, unavailable.size(), unavailable::toString);
        assertEquals("echo", unavailable.path(0).path("mapping").asText(), unavailable::toString);
        assertEquals(message, unavailable.path(0).path("message").asText(), unavailable::toString);
        assertEquals(200, served.statusCode(), served::body);
        assertTrue(served.headers().firstValue("x-trace-id").isPresent(), served.headers()::toString);
    }

    @Test
    @Order(6)
    void stopEndsTheGateway() throws Exception {
        assumeStarted();

        Result stop = installation.legate("stop");

        assertEquals(0, stop.exitCode(), stop::toString);
        assertEquals(3, installation.legate("status").exitCode());
    }

    /** Stops the gateway, changes the installation, and starts it again. */
    private void restartAfter(Change change) throws Exception {
        Result stop = installation.legate("stop");
        assertEquals(0, stop.exitCode(), stop::toString);
        change.run();
        Result start = installation.legate("start");
        assertEquals(0, start.exitCode(), start::toString);
    }

    private interface Change {
        void run() throws IOException;
    }

    private HttpResponse<String> get(String path, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + installation.httpPort() + path)).timeout(TIMEOUT);
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code ambassador} Module with {@code config} as its {@code spec.config}. */
    private static String module(String config) {
        return """
                apiVersion: getambassador.io/v3alpha1
                kind: Module
                metadata:
                  name: ambassador
                spec:
                  config:
                """ + config.indent(4);
    }

    /** Writes the {@code ambassador} Module through the admin API, with {@code config} as its {@code spec.config}. */
    private HttpResponse<String> putModuleConfig(String config) throws Exception {
        return http.send(HttpRequest.newBuilder(admin("/api/v1/modules/ambassador"))
                        .timeout(TIMEOUT)
                        .header("content-type", "application/yaml")
                        .PUT(HttpRequest.BodyPublishers.ofString(module(config)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> adminGet(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(admin(path)).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI admin(String path) {
        return URI.create("http://127.0.0.1:" + installation.adminPort() + path);
    }

    /** The value of {@code header} that the echo upstream says it received, which must be there once. */
    private static String seenUpstream(HttpResponse<String> echo, String header) {
        Matcher seen = Pattern.compile("\n" + Pattern.quote(header) + ": ([^\n]*)\n").matcher(echo.body());
        assertTrue(seen.find(), "the upstream saw no " + header + ":\n" + echo.body());
        String value = seen.group(1);
        assertFalse(seen.find(), "the upstream saw " + header + " twice:\n" + echo.body());
        return value;
    }

    private void assumeStarted() {
        installation.assumeStarted();
    }
}

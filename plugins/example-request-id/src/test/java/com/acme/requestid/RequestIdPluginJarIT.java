package com.acme.requestid;

import io.legate.pluginhost.LoadedPlugin;
import io.legate.pluginhost.PluginRegistry;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin installed as a third party installs it: its jar (built by this module, path in {@code plugin.jar})
 * dropped into a plugins directory, and not on the class path; configured in the {@code ambassador} Module.
 */
class RequestIdPluginJarIT {

    private static final Pattern CORRELATION_ID = Pattern.compile(
            "\nx-correlation-id: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n");

    @TempDir
    static Path plugins;

    private static Path jar;
    private static PluginRegistry registry;
    private static EchoHttpServer upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        jar = Files.copy(Path.of(System.getProperty("plugin.jar")), plugins.resolve("acme-request-id-plugin.jar"));
        registry = PluginRegistry.load(plugins);
        upstream = EchoHttpServer.start();
        gateway = Gateway.startWithResources("""
                apiVersion: getambassador.io/v3alpha1
                kind: Module
                metadata:
                  name: ambassador
                spec:
                  config:
                    request_id: {header: x-correlation-id, echo: false}
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: echo
                spec:
                  prefix: /echo/
                  service: %s
                """.formatted(upstream.address()), registry);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    @Test
    void thePluginComesFromItsJarAndNotFromTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.acme.requestid.RequestIdFactory"));
        LoadedPlugin plugin = registry.named("request_id").orElseThrow(() -> new AssertionError(registry.failures()));
        assertEquals(jar.toString(), plugin.source());
        assertEquals(List.of(), registry.failures());
    }

    @Test
    void theModulesSettingsReachIt() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/echo/x")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(CORRELATION_ID.matcher(response.body()).find(), response.body());
        assertTrue(response.headers().firstValue("x-correlation-id").isEmpty(), "echo: false");
    }
}

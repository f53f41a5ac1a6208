package io.legate.admin;

import io.legate.config.GatewayConfig;
import io.legate.config.PeerLimits;
import io.legate.config.StoreConfig;
import io.legate.server.Launcher;
import io.legate.server.RunningGateway;
import io.legate.testing.Mappings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real gateway with the admin extension, on ephemeral loopback ports, over a real data directory, with an HTTP
 * client for the admin API.
 */
final class AdminGateway implements AutoCloseable {

    static final String YAML = "application/yaml";
    static final String JSON = "application/json";

    private final RunningGateway gateway;
    private final URI admin;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String token;

    private AdminGateway(RunningGateway gateway, String token) {
        this.gateway = gateway;
        this.token = token;
        String listener = gateway.extensionListeners().get(0);
        this.admin = URI.create("http://" + listener.substring("admin ".length()));
    }

    /** A gateway whose {@code conf/resources/} and {@code data/} are {@code home/resources} and {@code home/data}. */
    static AdminGateway start(Path home) throws Exception {
        return start(home, null);
    }

    static AdminGateway start(Path home, String token) throws Exception {
        return start(home, token, StoreConfig.FILE);
    }

    /** A gateway whose admin API keeps resources in {@code store}. */
    static AdminGateway start(Path home, String token, StoreConfig store) throws Exception {
        Files.createDirectories(home.resolve("resources"));
        GatewayConfig config = new GatewayConfig("127.0.0.1", 0, 0, "127.0.0.1", 0, home.resolve("resources"),
                home.resolve("data"), home.resolve("plugins"), token, PeerLimits.defaults(), store);
        return new AdminGateway(Launcher.start(config, List.of(new AdminExtension())), token);
    }

    /**
     * Two resources that fail to load, first {@code Mapping/bad} of {@code conf/resources/} (its
     * {@code spec.service}), then the stored {@code data/mappings/edited.yaml}, edited by hand into broken YAML.
     */
    static void writeResourcesThatFailToLoad(Path home) throws IOException {
        Files.createDirectories(home.resolve("resources"));
        Files.writeString(home.resolve("resources/bad.yaml"), Mappings.grpc("bad", "/b/", "127.0.0.1:abc"));
        Files.createDirectories(home.resolve("data/mappings"));
        Files.writeString(home.resolve("data/mappings/edited.yaml"), "kind: Mapping\nmetadata: [unclosed\n");
    }

    RunningGateway gateway() {
        return gateway;
    }

    int httpPort() {
        return gateway.httpPort();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(request(path, headers).GET());
    }

    HttpResponse<String> delete(String path, String... headers) throws Exception {
        return send(request(path, headers).DELETE());
    }

    HttpResponse<String> put(String path, String contentType, String body, String... headers) throws Exception {
        return send(request(path, headers).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        return send(request(path, headers).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to the admin API; {@code headers} are name, value pairs; the token goes along when there is one. */
    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(admin.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    URI uri(String path) {
        return admin.resolve(path);
    }

    @Override
    public void close() throws Exception {
        gateway.close();
    }
}

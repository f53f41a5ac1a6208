package io.legate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code store:} section of {@code conf/legate.yaml} into a {@link StoreConfig}. */
final class StoreConfigReader {

    private StoreConfigReader() {
    }

    static StoreConfig read(GatewayConfigLoader.Section store, Path confDir) throws ConfigException {
        String type = store.text("type", "file");
        if (type.equals("file")) {
            store.allowOnly("type");
            return StoreConfig.FILE;
        }
        if (!type.equals("etcd")) {
            throw new ConfigException(store.origin("type"), "\"" + type + "\" is not a store type (expected: file, etcd)");
        }
        store.allowOnly("type", "endpoints", "prefix", "username", "password", "password_file", "ca_file", "cert_file",
                "key_file");
        String prefix = store.text("prefix", StoreConfig.DEFAULT_PREFIX);
        if (!prefix.endsWith("/")) {
            throw new ConfigException(store.origin("prefix"), "\"" + prefix + "\" must end with / (e.g. /legate/), so"
                    + " that no other prefix's keys fall under it");
        }
        String username = store.text("username", null);
        String password = store.secret("password", "password_file", confDir);
        if ((username == null) != (password == null)) {
            throw new ConfigException(store.origin(username == null ? "username" : "password"),
                    "etcd authentication needs both username and password (or password_file)");
        }
        Path ca = file(store, "ca_file", confDir);
        Path cert = file(store, "cert_file", confDir);
        Path key = file(store, "key_file", confDir);
        if ((cert == null) != (key == null)) {
            throw new ConfigException(store.origin(cert == null ? "cert_file" : "key_file"),
                    "a client certificate needs both cert_file and key_file");
        }
        return new StoreConfig(StoreConfig.Type.ETCD, endpoints(store), prefix, username, password, ca, cert, key);
    }

    private static List<URI> endpoints(GatewayConfigLoader.Section store) throws ConfigException {
        JsonNode value = store.value("endpoints");
        String origin = store.origin("endpoints");
        if (value == null) {
            throw new ConfigException(origin, "missing: the etcd store needs its client URLs, e.g. [http://127.0.0.1:2379]");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw new ConfigException(origin, "expected a non-empty list of URLs, got " + value);
        }
        List<URI> endpoints = new ArrayList<>();
        for (JsonNode item : value) {
            endpoints.add(endpoint(origin, item.asText()));
        }
        return endpoints;
    }

    private static URI endpoint(String origin, String text) throws ConfigException {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getPort() > 0) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with what is expected
        }
        throw new ConfigException(origin, "\"" + text + "\" is not an etcd client URL (expected: http://HOST:PORT or"
                + " https://HOST:PORT)");
    }

    /** A file relative to the directory of {@code legate.yaml}, which must be readable now. */
    private static Path file(GatewayConfigLoader.Section store, String name, Path confDir) throws ConfigException {
        String text = store.text(name, null);
        if (text == null) {
            return null;
        }
        Path path = confDir.resolve(text).normalize();
        if (!Files.isReadable(path)) {
            throw new ConfigException(store.origin(name), "cannot read " + path);
        }
        return path;
    }
}

package io.legate.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the admin API keeps resources ({@code store:} in {@code conf/legate.yaml}): files under {@code data_dir}
 * (the default), or etcd v3, shared by a fleet of gateways.
 *
 * @param endpoints etcd's client URLs, {@code http://} or {@code https://}; empty for the file store
 * @param prefix    every key lives under it, e.g. {@code /legate/}; ends with {@code /}
 * @param username  etcd user, null for none
 * @param password  etcd password ({@code password}, or the content of {@code password_file}); null for none
 * @param caFile    the CA that signed etcd's certificate; null for the JVM's trust store
 * @param certFile  a client certificate (PEM) for etcd's {@code --client-cert-auth}; null for none
 * @param keyFile   its private key (PKCS#8 PEM)
 */
public record StoreConfig(Type type, List<URI> endpoints, String prefix, String username, String password,
                          Path caFile, Path certFile, Path keyFile) {

    public enum Type { FILE, ETCD }

    public static final String DEFAULT_PREFIX = "/legate/";

    /** The default: files under {@code data_dir}. */
    public static final StoreConfig FILE = new StoreConfig(Type.FILE, List.of(), DEFAULT_PREFIX, null, null, null, null, null);

    public StoreConfig {
        endpoints = List.copyOf(endpoints);
    }

    /** etcd at {@code endpoints}, without authentication nor TLS settings. */
    public static StoreConfig etcd(List<URI> endpoints, String prefix) {
        return new StoreConfig(Type.ETCD, endpoints, prefix, null, null, null, null, null);
    }

    @Override
    public String toString() {
        // The password is a credential: never in a log line.
        return type == Type.FILE ? "file" : "etcd " + endpoints + " " + prefix + (username == null ? "" : " as " + username)
                + (password == null ? "" : " (password set)") + (caFile == null ? "" : " ca " + caFile)
                + (certFile == null ? "" : " cert " + certFile);
    }
}

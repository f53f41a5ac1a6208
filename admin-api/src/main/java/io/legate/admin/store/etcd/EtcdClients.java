package io.legate.admin.store.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.legate.config.StoreConfig;
import java.io.IOException;
import java.time.Duration;

/** The etcd client of {@code store:}: its endpoints, user and TLS. */
final class EtcdClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private EtcdClients() {
    }

    static Client client(StoreConfig config) throws IOException {
        ClientBuilder builder = Client.builder()
                .endpoints(config.endpoints())
                .connectTimeout(CONNECT_TIMEOUT)
                // A call fails at once while etcd is away, and is never sent again by the client: a write answered
                // with an error must never be applied later. Legate's own loop reads and watches again.
                .retryMaxAttempts(0)
                .waitForReady(false);
        if (config.username() != null) {
            builder.user(EtcdKeys.bytes(config.username())).password(EtcdKeys.bytes(config.password()));
        }
        boolean tls = config.endpoints().stream().anyMatch(uri -> "https".equals(uri.getScheme()));
        if (tls || config.caFile() != null || config.certFile() != null) {
            // Without ca_file, etcd's certificate is checked against the JVM's trust store.
            builder.sslContext(ssl -> {
                if (config.caFile() != null) {
                    ssl.trustManager(config.caFile().toFile());
                }
                if (config.certFile() != null) {
                    ssl.keyManager(config.certFile().toFile(), config.keyFile().toFile());
                }
            });
        }
        return builder.build();
    }
}

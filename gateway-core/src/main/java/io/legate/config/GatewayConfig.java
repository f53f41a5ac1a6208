package io.legate.config;

import java.nio.file.Path;

/**
 * Gateway settings from {@code conf/legate.yaml}, after environment and command-line overrides.
 * A port of 0 binds an ephemeral port (tests).
 */
public record GatewayConfig(
        String bindAddress,
        int httpPort,
        int httpsPort,
        String adminBindAddress,
        int adminPort,
        Path resourcesDir,
        Path dataDir) {
}

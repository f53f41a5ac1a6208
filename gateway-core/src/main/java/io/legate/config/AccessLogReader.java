package io.legate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * Reads {@code access_log:} of {@code conf/legate.yaml}: absent or {@code true} logs to {@code logs/access.log},
 * {@code {path: ...}} elsewhere (relative to {@code LEGATE_HOME}), {@code false} turns the log off.
 */
final class AccessLogReader {

    static final String DEFAULT_PATH = "logs/access.log";

    private AccessLogReader() {
    }

    /** The log file, or null when the log is off. */
    static Path read(GatewayConfigLoader.Section root, Path home) throws ConfigException {
        JsonNode value = root.value("access_log");
        if (value == null || value.isBoolean() && value.booleanValue()) {
            return home.resolve(DEFAULT_PATH).normalize();
        }
        if (value.isBoolean()) {
            return null;
        }
        if (!value.isObject()) {
            throw new ConfigException(root.origin("access_log"), value
                    + " is neither a mapping such as {path: logs/access.log} nor false");
        }
        GatewayConfigLoader.Section section = root.section("access_log");
        section.allowOnly("path");
        return home.resolve(section.text("path", DEFAULT_PATH)).normalize();
    }
}

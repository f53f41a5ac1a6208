package io.legate.config;

/**
 * A setting that cannot be used, named by where it came from: {@code conf/legate.yaml: listeners.http_port: …},
 * {@code LEGATE_HTTP_PORT: …} or {@code --http-port: …}. The message is meant for the user as it is.
 */
public final class ConfigException extends Exception {

    public ConfigException(String origin, String message) {
        super(origin + ": " + message);
    }
}

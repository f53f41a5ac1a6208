package io.legate.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@code conf/legate.yaml}, then applies the environment, then the command line; later sources win.
 *
 * <pre>
 * listeners:
 *   bind: 127.0.0.1        # address of the cleartext and TLS listeners
 *   http_port: 8080        # cleartext: HTTP/1.1 and h2c
 *   https_port: 8443       # TLS: ALPN h2, http/1.1
 *   max_concurrent_streams: 1000   # per caller HTTP/2 connection
 *   max_connection_age: 30s        # graceful GOAWAY to older caller connections; none by default
 * admin:
 *   bind: 127.0.0.1
 *   port: 8877
 *   token: s3cret          # or token_file: admin.token (its content, without the final newline)
 * resources_dir: resources # relative paths are relative to this file's directory
 * data_dir: ../data
 * plugins_dir: ../plugins  # third-party plugin jars
 * limits:                  # what callers and upstreams may send and hold ({@link PeerLimits})
 *   caller_header_list_size: 16KiB
 * access_log:              # one JSON line per call; false turns it off
 *   path: logs/access.log  # relative to LEGATE_HOME
 * store:                   # where the admin API keeps resources
 *   type: file             # or etcd, with endpoints: [http://127.0.0.1:2379] and prefix: /legate/
 * </pre>
 *
 * A missing file, section or value takes the default above. Unknown keys are errors rather than warnings:
 * a misspelt port would otherwise be silently replaced by its default.
 */
public final class GatewayConfigLoader {

    private static final int DEFAULT_HTTP_PORT = 8080;
    private static final int DEFAULT_HTTPS_PORT = 8443;
    private static final int DEFAULT_ADMIN_PORT = 8877;
    private static final String DEFAULT_BIND = "127.0.0.1";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private GatewayConfigLoader() {
    }

    /**
     * @param confFile    the settings file; need not exist
     * @param env         the process environment, read for {@code LEGATE_HTTP_PORT}, {@code LEGATE_HTTPS_PORT}
     *                    and {@code LEGATE_ADMIN_PORT}; empty values are ignored
     * @param commandLine ports given as options
     * @throws ConfigException naming the file and key, variable or option of the first bad value
     */
    public static GatewayConfig load(Path confFile, Map<String, String> env, PortOverrides commandLine)
            throws ConfigException {
        Path confDir = confFile.toAbsolutePath().normalize().getParent();
        Section root = new Section(confFile.toString(), "", read(confFile));
        root.allowOnly("listeners", "admin", "resources_dir", "data_dir", "plugins_dir", "limits", "store", "access_log");
        Section listeners = root.section("listeners");
        listeners.allowOnly("bind", "http_port", "https_port", "max_concurrent_streams", "max_connection_age");
        Section admin = root.section("admin");
        admin.allowOnly("bind", "port", "token", "token_file");

        int httpPort = listeners.port("http_port", DEFAULT_HTTP_PORT);
        int httpsPort = listeners.port("https_port", DEFAULT_HTTPS_PORT);
        int adminPort = admin.port("port", DEFAULT_ADMIN_PORT);

        httpPort = envPort(env, "LEGATE_HTTP_PORT", httpPort);
        httpsPort = envPort(env, "LEGATE_HTTPS_PORT", httpsPort);
        adminPort = envPort(env, "LEGATE_ADMIN_PORT", adminPort);

        httpPort = optionPort(commandLine.httpPort(), "--http-port", httpPort);
        httpsPort = optionPort(commandLine.httpsPort(), "--https-port", httpsPort);
        adminPort = optionPort(commandLine.adminPort(), "--admin-port", adminPort);

        return new GatewayConfig(
                listeners.text("bind", DEFAULT_BIND),
                httpPort,
                httpsPort,
                admin.text("bind", DEFAULT_BIND),
                adminPort,
                confDir.resolve(root.text("resources_dir", "resources")).normalize(),
                confDir.resolve(root.text("data_dir", "../data")).normalize(),
                confDir.resolve(root.text("plugins_dir", "../plugins")).normalize(),
                adminToken(admin, confDir),
                PeerLimitsReader.read(root.section("limits")),
                StoreConfigReader.read(root.section("store"), confDir),
                callerConnections(listeners),
                AccessLogReader.read(root, home(env, confDir)));
    }

    private static CallerConnections callerConnections(Section listeners) throws ConfigException {
        JsonNode streams = listeners.value("max_concurrent_streams");
        JsonNode age = listeners.value("max_connection_age");
        return new CallerConnections(
                streams == null ? CallerConnections.DEFAULTS.maxConcurrentStreams()
                        : (int) Quantities.count(listeners.origin("max_concurrent_streams"), streams, 1, 1_000_000),
                age == null ? CallerConnections.DEFAULTS.maxConnectionAgeMs()
                        : Quantities.millis(listeners.origin("max_connection_age"), age, 100, 30L * 24 * 3_600_000));
    }

    /** {@code LEGATE_HOME}, else the directory above that of {@code legate.yaml}, as in the distribution's tree. */
    private static Path home(Map<String, String> env, Path confDir) {
        String home = env.get("LEGATE_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path parent = confDir.getParent();
        return parent == null ? confDir : parent;
    }

    /** {@code admin.token}, or the content of {@code admin.token_file} less surrounding blanks; null when neither is set. */
    private static String adminToken(Section admin, Path confDir) throws ConfigException {
        return admin.secret("token", "token_file", confDir);
    }

    private static JsonNode read(Path confFile) throws ConfigException {
        try (InputStream in = Files.newInputStream(confFile)) {
            return YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ConfigException(confFile.toString(), syntaxError(e));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ConfigException(confFile.toString(), "cannot read: " + e);
        }
    }

    /** SnakeYAML knows where the problem is; Jackson's own message repeats the input over several lines. */
    private static String syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": " + yaml.getProblem()
                    + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")");
        }
        String where = e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        return where + e.getOriginalMessage();
    }

    private static int envPort(Map<String, String> env, String name, int current) throws ConfigException {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return current;
        }
        return Ports.parse(name, value.strip());
    }

    private static int optionPort(Integer value, String option, int current) throws ConfigException {
        return value == null ? current : Ports.check(option, value);
    }

    /** One mapping of the file, e.g. {@code listeners}; null or absent reads as empty so defaults apply. */
    static final class Section {
        private final String file;
        private final String path;
        private final JsonNode node;

        Section(String file, String path, JsonNode node) throws ConfigException {
            this.file = file;
            this.path = path;
            this.node = node == null || node.isNull() || node.isMissingNode() ? null : node;
            if (this.node != null && !this.node.isObject()) {
                throw new ConfigException(file, (path.isEmpty() ? "" : path + ": ") + "expected a mapping of keys");
            }
        }

        void allowOnly(String... keys) throws ConfigException {
            if (node == null) {
                return;
            }
            List<String> known = List.of(keys);
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw new ConfigException(file, key(name) + ": unknown key (expected one of: "
                            + String.join(", ", known) + ")");
                }
            }
        }

        Section section(String name) throws ConfigException {
            return new Section(file, key(name), value(name));
        }

        int port(String name, int fallback) throws ConfigException {
            JsonNode value = value(name);
            if (value == null) {
                return fallback;
            }
            String origin = file + ": " + key(name);
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                return Ports.check(origin, value.intValue());
            }
            return Ports.parse(origin, value.asText());
        }

        String text(String name, String fallback) throws ConfigException {
            JsonNode value = value(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new ConfigException(file, key(name) + ": expected a non-empty string, got " + value);
            }
            return value.asText();
        }

        JsonNode value(String name) {
            JsonNode value = node == null ? null : node.get(name);
            return value == null || value.isNull() ? null : value;
        }

        /**
         * A credential: the value of {@code name}, or the content of {@code fileName} (relative to {@code confDir})
         * less surrounding blanks; null when neither is set.
         */
        String secret(String name, String fileName, Path confDir) throws ConfigException {
            String value = text(name, null);
            String file = text(fileName, null);
            if (value != null && file != null) {
                throw new ConfigException(origin(fileName), "set either " + key(name) + " or " + key(fileName) + ", not both");
            }
            if (file == null) {
                return value;
            }
            Path path = confDir.resolve(file);
            try {
                String content = Files.readString(path).strip();
                if (content.isEmpty()) {
                    throw new ConfigException(origin(fileName), path + " is empty");
                }
                return content;
            } catch (IOException e) {
                throw new ConfigException(origin(fileName), "cannot read " + path + ": " + e.getMessage());
            }
        }

        String origin(String name) {
            return file + ": " + key(name);
        }

        private String key(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }
}

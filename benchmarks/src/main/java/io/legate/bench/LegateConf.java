package io.legate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Legate configuration for the benchmark: {@code DIR/legate.yaml} with its resources in {@code DIR/resources/}
 * (Mappings of {@code helloworld.Greeter} and {@code bench.Stream} to the upstream) and its store in
 * {@code DIR/data/}. Ports come from the environment ({@code LEGATE_HTTP_PORT}, …). Given a certificate, also a
 * {@code Secret} and a {@code Host} that terminates TLS with it for every hostname and still routes cleartext. Given
 * endpoints, also the Mappings of {@code helloworld.Greeter} over several of them ({@link #writeEndpoints}). Legate
 * logs no call ({@code access_log: false}), as haproxy and nginx log none in the benchmark, unless given a file for
 * its access log ({@link #logAccessTo}).
 *
 * <pre>java io.legate.bench.LegateConf DIR UPSTREAM_HOST:PORT [CERT_PEM KEY_PEM] [--endpoints HOST:PORT,HOST:PORT,…]
 *     [--kill-endpoints HOST:PORT,HOST:PORT,…] [--access-log FILE]</pre>
 */
public final class LegateConf {

    /** The {@code :authority} of the calls balanced over several endpoints, without retries. */
    public static final String BALANCED = "balanced.bench";
    /** The same for the calls while an endpoint is killed. */
    public static final String KILLED = "killed.bench";
    /** The same, retried. */
    public static final String RETRIED = "retried.bench";
    public static final String RETRY_POLICY = "{retry_on: unavailable, num_retries: 3}";

    private static final String SETTINGS = "resources_dir: resources\ndata_dir: data\n";
    private static final String USAGE = "usage: LegateConf DIR UPSTREAM_HOST:PORT [CERT_PEM KEY_PEM]"
            + " [--endpoints HOST:PORT,HOST:PORT,…] [--kill-endpoints HOST:PORT,HOST:PORT,…] [--access-log FILE]";

    private LegateConf() {
    }

    /** Writes the configuration and returns the path of {@code legate.yaml}. */
    public static Path write(Path dir, String upstream) throws IOException {
        Files.createDirectories(dir.resolve("resources"));
        Files.writeString(dir.resolve("resources/bench.yaml"),
                mapping("bench-greeter", "/helloworld.Greeter/", upstream) + "---\n"
                        + mapping("bench-stream", "/bench.Stream/", upstream));
        return Files.writeString(dir.resolve("legate.yaml"), SETTINGS + "access_log: false\n");
    }

    /** Turns on the access log of the configuration in {@code dir}: one line per call into {@code file}. */
    public static void logAccessTo(Path dir, Path file) throws IOException {
        String path = file.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(dir.resolve("legate.yaml"), SETTINGS + "access_log: {path: \"" + path + "\"}\n");
    }

    /** As {@link #write(Path, String)}, with TLS terminated by the PEM certificate and key. */
    public static Path write(Path dir, String upstream, Path cert, Path key) throws IOException {
        Path conf = write(dir, upstream);
        Files.writeString(dir.resolve("resources/tls.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: bench-cert
                type: kubernetes.io/tls
                stringData:
                  tls.crt: |
                %s
                  tls.key: |
                %s
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Host
                metadata:
                  name: bench-host
                spec:
                  hostname: "*"
                  tlsSecret:
                    name: bench-cert
                  requestPolicy:
                    insecure:
                      action: Route
                """.formatted(indent(Files.readString(cert)), indent(Files.readString(key))));
        return conf;
    }

    /**
     * Mappings of {@code helloworld.Greeter}, each balanced round robin over endpoints listed in a stored
     * {@code Endpoints} ({@code resolver: endpoint}): for the calls whose {@code :authority} is {@link #BALANCED}, over
     * {@code balanced}; for those of {@link #KILLED}, and of {@link #RETRIED} that retries {@code UNAVAILABLE}
     * ({@link #RETRY_POLICY}), over {@code killed}. An empty list leaves its Mappings out. Each Mapping has an
     * {@code Endpoints} of its own, so that they do not share a cluster: what one knows of its endpoints (an endpoint
     * ejected for failing calls) does not weigh on the others' figures.
     */
    public static void writeEndpoints(Path dir, List<String> balanced, List<String> killed) throws IOException {
        if (balanced.isEmpty() && killed.isEmpty()) {
            throw new IllegalArgumentException("endpoints: none (expected: one or more HOST:PORT)");
        }
        Map<String, List<String>> byHostname = new LinkedHashMap<>();
        if (!balanced.isEmpty()) {
            byHostname.put(BALANCED, balanced);
        }
        if (!killed.isEmpty()) {
            byHostname.put(KILLED, killed);
            byHostname.put(RETRIED, killed);
        }
        StringBuilder yaml = new StringBuilder();
        for (Map.Entry<String, List<String>> mapping : byHostname.entrySet()) {
            String hostname = mapping.getKey();
            String name = "bench-" + hostname.substring(0, hostname.indexOf('.'));
            List<String> spec = hostname.equals(RETRIED)
                    ? List.of("resolver: endpoint", "retry_policy: " + RETRY_POLICY)
                    : List.of("resolver: endpoint");
            yaml.append(yaml.length() == 0 ? "" : "---\n")
                    .append(mapping(name, hostname, "/helloworld.Greeter/", name, spec.toArray(String[]::new)))
                    .append("---\n").append(endpoints(name, mapping.getValue()));
        }
        Files.createDirectories(dir.resolve("resources"));
        Files.writeString(dir.resolve("resources/endpoints.yaml"), yaml);
    }

    /** A Kubernetes {@code Endpoints} resource listing each {@code HOST:PORT} as a subset of its own. */
    static String endpoints(String name, List<String> addresses) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: v1
                kind: Endpoints
                metadata:
                  name: %s
                subsets:
                """.formatted(name));
        for (String address : addresses) {
            int colon = address.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("endpoint: " + address + " (expected: HOST:PORT)");
            }
            yaml.append("""
                    - addresses: [{ip: %s}]
                      ports: [{port: %s}]
                    """.formatted(address.substring(0, colon), address.substring(colon + 1)));
        }
        return yaml.toString();
    }

    private static String indent(String pem) {
        return pem.strip().lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** A gRPC Mapping as Emissary's guide writes it, {@code rewrite} equal to {@code prefix}. */
    public static String mapping(String name, String prefix, String upstream) {
        return mapping(name, "*", prefix, upstream);
    }

    /** As {@link #mapping(String, String, String)} for one hostname, with more fields of {@code spec}. */
    static String mapping(String name, String hostname, String prefix, String service, String... specLines) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: %s
                spec:
                  hostname: "%s"
                  grpc: true
                  prefix: %s
                  rewrite: %s
                  service: %s
                """.formatted(name, hostname, prefix, prefix, service));
        for (String line : specLines) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.toString();
    }

    public static void main(String[] args) throws IOException {
        List<String> positional = new ArrayList<>(List.of(args));
        List<String> balanced = list(take(positional, "--endpoints", "HOST:PORT,HOST:PORT,…"));
        List<String> killed = list(take(positional, "--kill-endpoints", "HOST:PORT,HOST:PORT,…"));
        Optional<String> accessLog = take(positional, "--access-log", "FILE");
        Path conf = switch (positional.size()) {
            case 2 -> write(Path.of(positional.get(0)), positional.get(1));
            case 4 -> write(Path.of(positional.get(0)), positional.get(1), Path.of(positional.get(2)),
                    Path.of(positional.get(3)));
            default -> throw new IllegalArgumentException(USAGE);
        };
        if (!balanced.isEmpty() || !killed.isEmpty()) {
            writeEndpoints(conf.getParent(), balanced, killed);
        }
        if (accessLog.isPresent()) {
            logAccessTo(conf.getParent(), Path.of(accessLog.get()));
        }
        System.out.println(conf);
    }

    private static List<String> list(Optional<String> commaSeparated) {
        return commaSeparated.map(value -> List.of(value.split(","))).orElse(List.of());
    }

    /** The value of option {@code name}, taken out of {@code args} with it. */
    private static Optional<String> take(List<String> args, String name, String expected) {
        int at = args.indexOf(name);
        if (at < 0) {
            return Optional.empty();
        }
        if (at + 1 == args.size() || args.get(at + 1).startsWith("--")) {
            throw new IllegalArgumentException(name + ": no value (expected: " + expected + ")");
        }
        String value = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return Optional.of(value);
    }
}

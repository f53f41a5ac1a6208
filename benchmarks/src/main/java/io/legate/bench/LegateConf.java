package io.legate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Legate configuration for the benchmark: {@code DIR/legate.yaml} with its resources in {@code DIR/resources/}
 * (Mappings of {@code helloworld.Greeter} and {@code bench.Stream} to the upstream) and its store in
 * {@code DIR/data/}. Ports come from the environment ({@code LEGATE_HTTP_PORT}, …). Given a certificate, also a
 * {@code Secret} and a {@code Host} that terminates TLS with it for every hostname and still routes cleartext.
 *
 * <pre>java io.legate.bench.LegateConf DIR UPSTREAM_HOST:PORT [CERT_PEM KEY_PEM]</pre>
 */
public final class LegateConf {

    private LegateConf() {
    }

    /** Writes the configuration and returns the path of {@code legate.yaml}. */
    public static Path write(Path dir, String upstream) throws IOException {
        Files.createDirectories(dir.resolve("resources"));
        Files.writeString(dir.resolve("resources/bench.yaml"),
                mapping("bench-greeter", "/helloworld.Greeter/", upstream) + "---\n"
                        + mapping("bench-stream", "/bench.Stream/", upstream));
        return Files.writeString(dir.resolve("legate.yaml"), "resources_dir: resources\ndata_dir: data\n");
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

    private static String indent(String pem) {
        return pem.strip().lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** A gRPC Mapping as Emissary's guide writes it, {@code rewrite} equal to {@code prefix}. */
    public static String mapping(String name, String prefix, String upstream) {
        return """
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: %s
                spec:
                  hostname: "*"
                  grpc: true
                  prefix: %s
                  rewrite: %s
                  service: %s
                """.formatted(name, prefix, prefix, upstream);
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2) {
            System.out.println(write(Path.of(args[0]), args[1]));
        } else if (args.length == 4) {
            System.out.println(write(Path.of(args[0]), args[1], Path.of(args[2]), Path.of(args[3])));
        } else {
            throw new IllegalArgumentException("usage: LegateConf DIR UPSTREAM_HOST:PORT [CERT_PEM KEY_PEM]");
        }
    }
}

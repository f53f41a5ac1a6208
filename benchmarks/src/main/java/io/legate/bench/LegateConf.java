package io.legate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Legate configuration for the benchmark: {@code DIR/legate.yaml} with its resources in {@code DIR/resources/}
 * (Mappings of {@code helloworld.Greeter} and {@code bench.Stream} to the upstream) and its store in
 * {@code DIR/data/}. Ports come from the environment ({@code LEGATE_HTTP_PORT}, …).
 *
 * <pre>java io.legate.bench.LegateConf DIR UPSTREAM_HOST:PORT</pre>
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
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LegateConf DIR UPSTREAM_HOST:PORT");
        }
        System.out.println(write(Path.of(args[0]), args[1]));
    }
}

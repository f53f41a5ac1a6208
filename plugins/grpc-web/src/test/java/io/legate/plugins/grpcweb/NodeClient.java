package io.legate.plugins.grpcweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real gRPC-Web client of {@code src/test/js}, installed from its lock file with {@code npm ci} into
 * {@code target/grpc-web-js} and run with node, one call per process.
 */
final class NodeClient {

    private static final Path SOURCES = Path.of("src/test/js");
    private static final Path HOME = Path.of("target/grpc-web-js");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeClient() {
    }

    /**
     * Installs the client. Without node and npm the tests cannot run: on CI that is a failure (the machine
     * must have them), elsewhere a skip that says so.
     */
    static void install() throws Exception {
        boolean present = works("node", "--version") && works("npm", "--version");
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("node and npm are required on CI for the gRPC-Web client tests (apt-get install -y nodejs npm)");
        }
        assumeTrue(present, "node and npm are not on the PATH: the real gRPC-Web client cannot run");
        Files.createDirectories(HOME);
        for (String file : List.of("package.json", "package-lock.json", "client.mjs")) {
            Files.copy(SOURCES.resolve(file), HOME.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String output = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        if (!Files.isDirectory(HOME.resolve("node_modules/grpc-web"))) {
            fail("npm ci did not install grpc-web: " + output);
        }
    }

    /** One call: {@code node client.mjs baseUrl format kind name metadata...}; its events, in order. */
    static List<JsonNode> call(String baseUrl, String format, String kind, String name, String... metadata) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "client.mjs", baseUrl, format, kind, name));
        command.addAll(List.of(metadata));
        List<JsonNode> events = new ArrayList<>();
        for (String line : run(command, 30).split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    private static String run(List<String> command, int timeoutSeconds) throws Exception {
        Path output = Files.createTempFile("grpc-web-client", ".out");
        Path errors = Files.createTempFile("grpc-web-client", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(HOME.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not end within " + timeoutSeconds + " s; it printed: " + Files.readString(output)
                        + Files.readString(errors));
            }
            if (process.exitValue() != 0) {
                fail(command + " exited " + process.exitValue() + ": " + Files.readString(output) + Files.readString(errors));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.delete(output);
            Files.delete(errors);
        }
    }

    private static boolean works(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}

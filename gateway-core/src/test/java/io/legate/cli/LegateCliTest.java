package io.legate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LegateCliTest {

    private static final String MAPPING = """
            apiVersion: getambassador.io/v3alpha1
            kind: Mapping
            metadata: {name: quote}
            spec:
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int legate(Map<String, String> env, String... args) {
        CommandLine cli = LegateCli.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void versionPrintsLegateAndTheVersion() {
        assertEquals(0, legate(Map.of(), "version"));
        assertTrue(out.toString().matches("legate \\S+\\R"), out.toString());
    }

    @Test
    void runWithABadPortInTheConfFileExitsWith2NamingFileAndKey() throws IOException {
        Path conf = file("legate.yaml", "listeners:\n  http_port: abc\n");

        assertEquals(2, legate(Map.of(), "run", "--conf", conf.toString()));
        assertEquals("legate: " + conf + ": listeners.http_port: \"abc\" is not a port (expected: 0..65535)"
                + System.lineSeparator(), err.toString());
    }

    @Test
    void runWithABadPortInTheEnvironmentExitsWith2NamingTheVariable() {
        assertEquals(2, legate(Map.of("LEGATE_ADMIN_PORT", "70000"),
                "run", "--conf", dir.resolve("absent.yaml").toString()));
        assertEquals("legate: LEGATE_ADMIN_PORT: 70000 is not a port (expected: 0..65535)"
                + System.lineSeparator(), err.toString());
    }

    @Test
    void runWithAnOutOfRangePortOptionExitsWith2NamingTheOption() {
        assertEquals(2, legate(Map.of(), "run", "--conf", dir.resolve("absent.yaml").toString(),
                "--https-port", "70000"));
        assertEquals("legate: --https-port: 70000 is not a port (expected: 0..65535)"
                + System.lineSeparator(), err.toString());
    }

    @Test
    void aPortOptionThatIsNotANumberIsAUsageError() {
        assertEquals(2, legate(Map.of(), "run", "--http-port", "abc"));
        assertTrue(err.toString().contains("--http-port"), err.toString());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, legate(Map.of()));
        assertTrue(err.toString().startsWith("Missing command"), err.toString());
    }

    @Test
    void validatePrintsEachProblemThenTheSummaryAndExitsWith1OnAnError() throws IOException {
        Path file = file("a.yaml", MAPPING + "  service: quote:8080\n");

        assertEquals(1, legate(Map.of(), "validate", file.toString()));
        assertEquals(List.of(file + ": Mapping/quote: spec.prefix: required", "1 file, 0 resources, 1 error, 0 warnings"),
                out.toString().lines().toList());
    }

    @Test
    void validateNamesTheFileAndFieldOfAnEndpointsIpThatIsNotAnAddress() throws IOException {
        Path file = file("endpoints.yaml", """
                apiVersion: v1
                kind: Endpoints
                metadata: {name: quote}
                subsets: [{addresses: [{ip: quote.shop}], ports: [{port: 50051}]}]
                """);

        assertEquals(1, legate(Map.of(), "validate", file.toString()));
        assertEquals(file + ": Endpoints/quote: subsets[0].addresses[0].ip: \"quote.shop\" is not an IP address"
                        + " (expected IPv4 such as 10.0.0.7 or IPv6 such as fd00::7; a host name is not resolved here)",
                out.toString().lines().findFirst().orElseThrow());
    }

    @Test
    void validateExitsWith0WhenThereAreOnlyWarnings() throws IOException {
        Path file = file("a.yaml", MAPPING + "  prefix: /q/\n  service: quote:8080\n  colour: blue\n");

        assertEquals(0, legate(Map.of(), "validate", file.toString()));
        assertTrue(out.toString().endsWith("1 file, 1 resource, 0 errors, 1 warning" + System.lineSeparator()),
                out.toString());
    }

    @Test
    void validateWithoutFilesIsAUsageError() {
        assertEquals(2, legate(Map.of(), "validate"));
    }
}

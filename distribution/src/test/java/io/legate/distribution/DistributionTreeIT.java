package io.legate.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.distribution.LegateScript.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpacked tree and the tarball, and the commands of {@code bin/legate} that need no running gateway. */
class DistributionTreeIT {

    private static final Path HOME = LegateScript.HOME;

    @Test
    void theTreeHoldsScriptSettingsLibrariesAndPlugins() {
        assertTrue(Files.isExecutable(HOME.resolve("bin/legate")));
        assertTrue(Files.isRegularFile(HOME.resolve("conf/legate.yaml")));
        assertTrue(Files.isDirectory(HOME.resolve("conf/resources")));
        assertTrue(Files.isRegularFile(HOME.resolve("lib/gateway-core-" + LegateScript.VERSION + ".jar")));
        assertTrue(Files.isRegularFile(HOME.resolve("plugins/README")));
    }

    @Test
    void theBuiltInPluginsAreInLibAndPluginsHoldsOnlyItsReadme() throws IOException {
        for (String plugin : List.of("host-port", "header-routing", "grpc-web")) {
            Path jar = HOME.resolve("lib/legate-plugin-" + plugin + "-" + LegateScript.VERSION + ".jar");
            assertTrue(Files.isRegularFile(jar), jar + " missing");
        }
        try (Stream<Path> lib = Files.list(HOME.resolve("lib"))) {
            // The example third-party plugin is installed by hand into plugins/, never shipped.
            assertEquals(List.of(), lib.map(p -> p.getFileName().toString())
                    .filter(name -> name.contains("acme") || name.contains("legate-plugin-test-fixtures")).toList());
        }
        try (Stream<Path> plugins = Files.list(HOME.resolve("plugins"))) {
            assertEquals(List.of("README"), plugins.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void theDefaultConfigurationLoadsNoResources() throws IOException {
        try (Stream<Path> files = Files.list(HOME.resolve("conf/resources"))) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml")).toList());
        }
    }

    @Test
    void packageUnpacksTheTreeBesideTheTarballForUsersToRun() {
        Path unpacked = LegateScript.TARBALL.resolveSibling("legate-" + LegateScript.VERSION);

        assertTrue(Files.isExecutable(unpacked.resolve("bin/legate")), unpacked + " has no bin/legate");
        assertTrue(Files.isRegularFile(unpacked.resolve("lib/gateway-core-" + LegateScript.VERSION + ".jar")));
    }

    @Test
    void theTarballHoldsTheSameTreeWithAnExecutableScript() throws Exception {
        Process tar = new ProcessBuilder("tar", "-tvzf", LegateScript.TARBALL.toString()).start();
        List<String> entries = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, tar.waitFor());

        String top = "legate-" + LegateScript.VERSION + "/";
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("-rwxr-xr-x") && e.endsWith(" " + top + "bin/legate")),
                () -> String.join("\n", entries));
        assertTrue(entries.stream().anyMatch(e -> e.endsWith(" " + top + "conf/legate.yaml")));
        assertTrue(entries.stream().anyMatch(e -> e.endsWith(" " + top + "lib/gateway-core-" + LegateScript.VERSION
                + ".jar")));
        assertTrue(entries.stream().anyMatch(e -> e.endsWith(" " + top + "plugins/README")));
    }

    @Test
    void versionPrintsTheProjectVersion() throws Exception {
        Result result = LegateScript.run("version");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("legate " + LegateScript.VERSION + "\n", result.out());
    }

    @Test
    void theScriptFindsItsHomeThroughASymlink(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("legate"), HOME.resolve("bin/legate"));

        Result result = LegateScript.run(link, Map.of(), "version");

        assertEquals("legate " + LegateScript.VERSION + "\n", result.out(), result::toString);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result result = LegateScript.run("help");

        assertEquals(0, result.exitCode());
        for (String command : List.of("run", "start", "stop", "status", "validate", "version")) {
            assertTrue(result.out().contains("\n  " + command + " "), command + " missing from\n" + result.out());
        }
    }

    @Test
    void anUnknownCommandIsAUsageError() throws Exception {
        Result result = LegateScript.run("frobnicate");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("unknown command 'frobnicate'"), result::toString);
    }

    @Test
    void getWithoutARunningGatewaySaysWhereItLookedAndExitsWith1() throws Exception {
        Result result = LegateScript.run(HOME.resolve("bin/legate"), Map.of("LEGATE_ADMIN_PORT", "1"), "get", "mappings");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("legate: cannot reach the admin API at http://127.0.0.1:1/api/v1/"),
                result::toString);
    }

    @Test
    void runWithABadPortInTheEnvironmentExitsWith2AndNoStackTrace() throws Exception {
        Result result = LegateScript.run(HOME.resolve("bin/legate"), Map.of("LEGATE_HTTP_PORT", "abc"), "run");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("legate: LEGATE_HTTP_PORT: \"abc\" is not a port (expected: 0..65535)\n", result.err());
    }

    @Test
    void runWithABadPortInTheConfFileNamesFileAndKey(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("legate.yaml"), "admin:\n  port: 70000\n");

        Result result = LegateScript.run(HOME.resolve("bin/legate"), Map.of("LEGATE_CONF", conf.toString()), "run");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("legate: " + conf + ": admin.port: 70000 is not a port (expected: 0..65535)\n", result.err());
    }
}

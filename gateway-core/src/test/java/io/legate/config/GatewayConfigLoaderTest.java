package io.legate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {

    @TempDir
    Path dir;

    private Path conf(String yaml) throws IOException {
        return Files.writeString(dir.resolve("legate.yaml"), yaml);
    }

    private GatewayConfig load(Path file) throws ConfigException {
        return GatewayConfigLoader.load(file, Map.of(), PortOverrides.NONE);
    }

    private String error(Path file, Map<String, String> env, PortOverrides options) {
        return assertThrows(ConfigException.class, () -> GatewayConfigLoader.load(file, env, options)).getMessage();
    }

    private String error(String yaml) throws IOException {
        return error(conf(yaml), Map.of(), PortOverrides.NONE);
    }

    @Test
    void aMissingFileGivesTheDefaultsOnLoopback() throws Exception {
        GatewayConfig config = load(dir.resolve("absent.yaml"));

        assertEquals(new GatewayConfig("127.0.0.1", 8080, 8443, "127.0.0.1", 8877,
                dir.resolve("resources"), dir.resolve("../data").normalize(), dir.resolve("../plugins").normalize(), null)
                        .withAccessLog(dir.resolve("../logs/access.log").normalize()),
                config);
    }

    @Test
    void aFileOfCommentsOnlyGivesTheDefaults() throws Exception {
        assertEquals(load(dir.resolve("absent.yaml")), load(conf("# listeners:\n#   http_port: 8080\n")));
    }

    @Test
    void aSectionWithEveryKeyCommentedOutGivesTheDefaults() throws Exception {
        assertEquals(load(dir.resolve("absent.yaml")), load(conf("listeners:\n#  http_port: 9000\nadmin:\n")));
    }

    @Test
    void everyKeyOfTheFileIsRead() throws Exception {
        GatewayConfig config = load(conf("""
                listeners: {bind: 0.0.0.0, http_port: 9080, https_port: 9443}
                admin: {bind: "::1", port: 9877}
                resources_dir: /etc/legate/resources
                data_dir: state
                plugins_dir: /opt/legate/plugins
                """));

        assertEquals(new GatewayConfig("0.0.0.0", 9080, 9443, "::1", 9877,
                Path.of("/etc/legate/resources"), dir.resolve("state"), Path.of("/opt/legate/plugins"), null)
                        .withAccessLog(dir.resolve("../logs/access.log").normalize()), config);
    }

    @Test
    void relativeDirectoriesAreResolvedAgainstTheConfFilesDirectory() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Path file = Files.writeString(dir.resolve("conf/legate.yaml"), "resources_dir: seed\ndata_dir: ../store\n");

        GatewayConfig config = load(file);

        assertEquals(dir.resolve("conf/seed"), config.resourcesDir());
        assertEquals(dir.resolve("store"), config.dataDir());
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Map<String, String> env = Map.of("LEGATE_HTTP_PORT", "18080", "LEGATE_HTTPS_PORT", "18443",
                "LEGATE_ADMIN_PORT", "18877");

        GatewayConfig config = GatewayConfigLoader.load(conf("listeners: {http_port: 9080}\n"), env,
                PortOverrides.NONE);

        assertEquals(18080, config.httpPort());
        assertEquals(18443, config.httpsPort());
        assertEquals(18877, config.adminPort());
    }

    @Test
    void anEmptyEnvironmentVariableIsIgnored() throws Exception {
        GatewayConfig config = GatewayConfigLoader.load(dir.resolve("absent.yaml"),
                Map.of("LEGATE_HTTP_PORT", ""), PortOverrides.NONE);

        assertEquals(8080, config.httpPort());
    }

    @Test
    void commandLineOverridesTheEnvironment() throws Exception {
        GatewayConfig config = GatewayConfigLoader.load(dir.resolve("absent.yaml"),
                Map.of("LEGATE_HTTP_PORT", "18080", "LEGATE_ADMIN_PORT", "18877"), new PortOverrides(0, 28443, null));

        assertEquals(0, config.httpPort());
        assertEquals(28443, config.httpsPort());
        assertEquals(18877, config.adminPort());
    }

    @Test
    void aPortThatIsNotANumberIsNamedByFileAndKey() throws Exception {
        assertEquals(dir.resolve("legate.yaml") + ": listeners.http_port: \"abc\" is not a port (expected: 0..65535)",
                error("listeners:\n  http_port: abc\n"));
    }

    @Test
    void aPortOutOfRangeIsNamedByFileAndKey() throws Exception {
        assertEquals(dir.resolve("legate.yaml") + ": admin.port: 70000 is not a port (expected: 0..65535)",
                error("admin: {port: 70000}\n"));
    }

    @Test
    void anUnknownKeyIsAnErrorListingTheKnownOnes() throws Exception {
        assertEquals(dir.resolve("legate.yaml")
                        + ": listeners.htp_port: unknown key (expected one of: bind, http_port, https_port, max_concurrent_streams, max_connection_age)",
                error("listeners:\n  htp_port: 9080\n"));
    }

    @Test
    void anUnknownTopLevelKeyIsAnError() throws Exception {
        assertEquals(dir.resolve("legate.yaml")
                        + ": resource_dir: unknown key (expected one of: listeners, admin, resources_dir, data_dir, plugins_dir, limits, store, access_log)",
                error("resource_dir: x\n"));
    }

    @Test
    void aSectionThatIsNotAMappingIsAnError() throws Exception {
        assertEquals(dir.resolve("legate.yaml") + ": listeners: expected a mapping of keys",
                error("listeners: 8080\n"));
    }

    @Test
    void aBindAddressMustBeAString() throws Exception {
        assertEquals(dir.resolve("legate.yaml") + ": admin.bind: expected a non-empty string, got [\"a\",\"b\"]",
                error("admin: {bind: [a, b]}\n"));
    }

    @Test
    void malformedYamlIsReportedWithFileLineAndProblem() throws Exception {
        assertEquals(dir.resolve("legate.yaml") + ": line 1, column 16: mapping values are not allowed here",
                error("listeners: bind: 0.0.0.0\n"));
    }

    @Test
    void aDuplicateKeyIsAnError() throws Exception {
        assertEquals(dir.resolve("legate.yaml") + ": line 3, column 12: Duplicate field 'http_port'",
                error("listeners:\n  http_port: 1\n  http_port: 2\n"));
    }

    @Test
    void aBadEnvironmentPortIsNamedByItsVariable() throws Exception {
        assertEquals("LEGATE_HTTPS_PORT: \"abc\" is not a port (expected: 0..65535)",
                error(dir.resolve("absent.yaml"), Map.of("LEGATE_HTTPS_PORT", "abc"), PortOverrides.NONE));
    }

    @Test
    void aBadCommandLinePortIsNamedByItsOption() throws Exception {
        assertEquals("--admin-port: 70000 is not a port (expected: 0..65535)",
                error(dir.resolve("absent.yaml"), Map.of(), new PortOverrides(null, null, 70000)));
    }

    @Test
    void theAdminTokenIsReadFromTheFileOrFromItsTokenFile() throws Exception {
        Files.writeString(dir.resolve("admin.token"), "from-file\n");

        assertEquals("inline", load(conf("admin: {token: inline}\n")).adminToken());
        assertEquals("from-file", load(conf("admin: {token_file: admin.token}\n")).adminToken());
        assertEquals(null, load(conf("admin: {port: 9877}\n")).adminToken());
    }

    @Test
    void anAdminTokenAndATokenFileTogetherAreAnError() throws Exception {
        assertTrue(error("admin: {token: a, token_file: b}\n").endsWith(
                "admin.token_file: set either admin.token or admin.token_file, not both"));
    }

    @Test
    void anUnreadableTokenFileIsAnErrorNamingIt() throws Exception {
        assertTrue(error("admin: {token_file: missing.token}\n").contains("admin.token_file: cannot read "));
    }

    @Test
    void theAdminTokenNeverAppearsInTheSettingsText() throws Exception {
        assertTrue(!load(conf("admin: {token: s3cret}\n")).toString().contains("s3cret"));
    }

    @Test
    void callerConnectionsTakeTheirStreamLimitAndAge() throws Exception {
        GatewayConfig config = load(conf("listeners: {max_concurrent_streams: 250, max_connection_age: 30s}\n"));

        assertEquals(new CallerConnections(250, 30_000), config.callers());
    }

    @Test
    void callerConnectionsHaveAThousandStreamsAndNoAgeByDefault() throws Exception {
        assertEquals(new CallerConnections(1000, 0), load(dir.resolve("absent.yaml")).callers());
    }

    @Test
    void aConnectionAgeWithoutAUnitIsAnErrorNamingTheKey() throws Exception {
        assertTrue(error("listeners: {max_connection_age: 30}\n").endsWith(
                "listeners.max_connection_age: 30 is not a duration such as \"500ms\", \"10s\" or \"5m\""));
    }

    @Test
    void theAccessLogIsUnderLegateHomeUnlessTurnedOff() throws Exception {
        Path home = dir.resolve("home");
        Map<String, String> env = Map.of("LEGATE_HOME", home.toString());

        assertEquals(home.resolve("logs/access.log"),
                GatewayConfigLoader.load(dir.resolve("absent.yaml"), env, PortOverrides.NONE).accessLog());
        assertEquals(home.resolve("var/calls.log"),
                GatewayConfigLoader.load(conf("access_log: {path: var/calls.log}\n"), env, PortOverrides.NONE).accessLog());
        assertEquals(null, load(conf("access_log: false\n")).accessLog());
    }

    @Test
    void anAccessLogThatIsNeitherAPathNorFalseIsAnError() throws Exception {
        assertTrue(error("access_log: logs/a.log\n").endsWith(
                "access_log: \"logs/a.log\" is neither a mapping such as {path: logs/access.log} nor false"));
    }

    @Test
    void theShippedSettingsLogEachCallUnderLegateHome() throws Exception {
        Path home = dir.resolve("legate");
        GatewayConfig shipped = GatewayConfigLoader.load(Path.of("..", "conf", "legate.yaml"),
                Map.of("LEGATE_HOME", home.toString()), PortOverrides.NONE);

        assertEquals(home.resolve("logs/access.log"), shipped.accessLog());
    }
}

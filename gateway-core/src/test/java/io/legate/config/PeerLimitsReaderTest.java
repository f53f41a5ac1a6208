package io.legate.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PeerLimitsReaderTest {

    @TempDir
    Path dir;

    private PeerLimits limits(String yaml) throws Exception {
        return GatewayConfigLoader.load(Files.writeString(dir.resolve("legate.yaml"), yaml), Map.of(), PortOverrides.NONE)
                .limits();
    }

    private String error(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("legate.yaml"), yaml);
        return assertThrows(ConfigException.class, () -> GatewayConfigLoader.load(file, Map.of(), PortOverrides.NONE))
                .getMessage().replace(file.toString(), "legate.yaml");
    }

    @Test
    void noLimitsSectionGivesTheProductionDefaults() throws Exception {
        assertEquals(new PeerLimits(16_384, 16_384, 10_000, 60_000, 10_000, 1_000, 128, 0), limits("# limits:\n"));
    }

    @Test
    void everyLimitIsRead() throws Exception {
        PeerLimits read = limits("""
                limits:
                  caller_header_list_size: 32KiB
                  upstream_header_list_size: 65536
                  header_timeout: 500ms
                  idle_timeout: 5m
                  max_connections: 200
                  max_connections_per_client: 20
                  control_frames_per_second: 1000
                  max_requests_in_flight: 5000
                """);

        assertEquals(new PeerLimits(32_768, 65_536, 500, 300_000, 200, 20, 1000, 5000), read);
    }

    @Test
    void aDurationWithoutAUnitIsAnErrorNamingTheKey() throws IOException {
        assertEquals("legate.yaml: limits.header_timeout: \"10\" is not a duration such as \"500ms\", \"10s\" or \"5m\"",
                error("limits: {header_timeout: \"10\"}"));
    }

    @Test
    void aHeaderListSizeBelowWhatGrpcImplementationsSendIsRefused() throws IOException {
        assertEquals("legate.yaml: limits.caller_header_list_size: 1024 bytes is out of range (expected: 8192..1048576 bytes)",
                error("limits: {caller_header_list_size: 1KiB}"));
    }

    @Test
    void aSizeInAnUnknownUnitIsRefused() throws IOException {
        assertEquals("legate.yaml: limits.upstream_header_list_size: \"16KB\" is not a size such as 16384 or \"16KiB\"",
                error("limits: {upstream_header_list_size: 16KB}"));
    }

    @Test
    void aConnectionCountThatIsNotAWholeNumberIsRefused() throws IOException {
        assertEquals("legate.yaml: limits.max_connections: \"many\" is not a whole number (expected: 1..1000000)",
                error("limits: {max_connections: many}"));
    }

    @Test
    void aControlFrameRateThatWouldEndWellBehavedClientsIsRefused() throws IOException {
        assertEquals("legate.yaml: limits.control_frames_per_second: 4 is out of range (expected: 16..1000000)",
                error("limits: {control_frames_per_second: 4}"));
    }

    @Test
    void moreConnectionsPerClientThanInAllIsRefused() throws IOException {
        assertEquals("legate.yaml: limits.max_connections_per_client: 500 is more than limits.max_connections (100)",
                error("limits: {max_connections: 100, max_connections_per_client: 500}"));
    }

    @Test
    void anUnknownLimitIsAnErrorListingTheKnownOnes() throws IOException {
        assertEquals("legate.yaml: limits.max_streams: unknown key (expected one of: caller_header_list_size,"
                + " upstream_header_list_size, header_timeout, idle_timeout, max_connections, max_connections_per_client,"
                + " control_frames_per_second, max_requests_in_flight)",
                error("limits: {max_streams: 5}"));
    }
}

package io.legate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.legate.config.GatewayConfigLoader;
import io.legate.config.PortOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's Legate configuration, as Legate's own loader reads it. */
class LegateConfTest {

    private static final Pattern PORT = Pattern.compile("ports: \\[\\{port: (\\d+)}]");

    @TempDir
    Path dir;

    @Test
    void theComparedConfigurationLogsNoCall() throws Exception {
        Path conf = LegateConf.write(dir, "127.0.0.1:50051");

        assertNull(GatewayConfigLoader.load(conf, Map.of(), PortOverrides.NONE).accessLog());
    }

    @Test
    void anAccessLogFileTurnsTheLogOnIntoThatFile() throws Exception {
        Path conf = LegateConf.write(dir, "127.0.0.1:50051");
        Path file = dir.resolve("run dir/access.log");

        LegateConf.logAccessTo(dir, file);

        assertEquals(file, GatewayConfigLoader.load(conf, Map.of(), PortOverrides.NONE).accessLog());
    }

    @Test
    void theBalancedMappingAndTheKilledOnesEachListTheirOwnEndpoints() throws Exception {
        LegateConf.writeEndpoints(dir, List.of("127.0.0.1:1001", "127.0.0.1:1002"), List.of("127.0.0.1:2001"));

        String yaml = Files.readString(dir.resolve("resources/endpoints.yaml"));
        assertEquals(List.of("bench-balanced:1001,1002", "bench-killed:2001", "bench-retried:2001"), endpointsByName(yaml));
    }

    @Test
    void noEndpointsForLoad8LeaveItsMappingsOut() throws Exception {
        LegateConf.writeEndpoints(dir, List.of("127.0.0.1:1001"), List.of());

        String yaml = Files.readString(dir.resolve("resources/endpoints.yaml"));
        assertEquals(List.of("bench-balanced:1001"), endpointsByName(yaml));
    }

    @Test
    void anAccessLogOptionWithoutAFileIsRefusedSayingWhatItExpects() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LegateConf.main(new String[] {dir.toString(), "127.0.0.1:50051", "--access-log"}));

        assertEquals("--access-log: no value (expected: FILE)", e.getMessage());
    }

    /** "NAME:PORT,PORT" of each Endpoints resource in the file, in order. */
    private static List<String> endpointsByName(String yaml) {
        return Stream.of(yaml.split("---\n"))
                .filter(doc -> doc.contains("kind: Endpoints"))
                .map(doc -> doc.replaceAll("(?s).*name: (\\S+).*", "$1") + ":" + PORT.matcher(doc).results()
                        .map(m -> m.group(1)).collect(Collectors.joining(",")))
                .toList();
    }
}

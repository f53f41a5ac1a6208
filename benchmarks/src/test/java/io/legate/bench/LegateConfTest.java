package io.legate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.legate.config.GatewayConfigLoader;
import io.legate.config.PortOverrides;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's Legate configuration, as Legate's own loader reads it. */
class LegateConfTest {

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
    void anAccessLogOptionWithoutAFileIsRefusedSayingWhatItExpects() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LegateConf.main(new String[] {dir.toString(), "127.0.0.1:50051", "--access-log"}));

        assertEquals("--access-log: no value (expected: FILE)", e.getMessage());
    }
}

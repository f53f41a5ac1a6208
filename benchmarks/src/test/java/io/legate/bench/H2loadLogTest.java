package io.legate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2loadLogTest {

    @Test
    void percentilesComeFromTheDurationColumnOfFinishedRequestsAndNon200sAreCounted(@TempDir Path dir) throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            log.append(1_700_000_000_000_000L + i).append('\t').append(i == 7 ? "503" : i == 9 ? "-1" : "200")
                    .append('\t').append(i * 1000).append('\n');
        }
        log.append("1700000000000200\t0\t900000\n"); // in flight when the run ended
        Path file = Files.writeString(dir.resolve("lat.log"), log);

        H2loadLog.Result result = H2loadLog.read(file);

        assertEquals(101, result.requests());
        assertEquals(1, result.unfinished());
        assertEquals(2, result.non200());
        assertEquals(50.0, result.p50Ms(), 0.1);
        assertEquals(99.0, result.p99Ms(), 0.1);
    }
}

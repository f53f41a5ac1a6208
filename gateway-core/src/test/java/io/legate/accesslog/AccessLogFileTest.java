package io.legate.accesslog;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogFileTest {

    @TempDir
    Path dir;

    @Test
    void aLogThatCannotBeWrittenStopsTheStartNamingItsPath() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("logs"), "a file");
        AccessLog log = new AccessLog(notADirectory.resolve("access.log"));

        IOException failure = assertThrows(IOException.class, log::start);

        assertTrue(failure.getMessage().startsWith("access_log.path: cannot write " + notADirectory.resolve("access.log")),
                failure.getMessage());
    }
}

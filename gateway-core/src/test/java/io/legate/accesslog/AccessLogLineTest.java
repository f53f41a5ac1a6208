package io.legate.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AccessLogLineTest {

    @Test
    void theTraceIdIsTheSecondFieldOfTraceparent() {
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736",
                AccessLogLine.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    }

    @Test
    void aTraceparentNotInW3cFormGivesNoTraceId() {
        assertNull(AccessLogLine.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));
        assertNull(AccessLogLine.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736"));
        assertNull(AccessLogLine.traceId("00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    }

    @Test
    void theTimeIsUtcToTheMillisecond() {
        StringBuilder line = new StringBuilder();
        AccessLogLine.time(line, 1_767_323_045_008L);
        AccessLogLine.time(line.append(' '), 1_767_323_045_678L);
        AccessLogLine.time(line.append(' '), 1_767_323_046_000L);

        assertEquals("2026-01-02T03:04:05.008Z 2026-01-02T03:04:05.678Z 2026-01-02T03:04:06.000Z", line.toString());
    }
}

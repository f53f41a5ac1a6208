package io.legate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StraceSummaryTest {

    @Test
    void tracedCallsAreGroupedIntoWritesReadsAndOtherAndDividedByTheCallsMade(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("strace.txt"), """
                strace: Process 4242 detached
                % time     seconds  usecs/call     calls    errors syscall
                ------ ----------- ----------- --------- --------- ----------------
                 40.00    0.004000           2      2000           writev
                 20.00    0.002000           2      1000           sendto
                 15.00    0.001500           1      1500       500 read
                 10.00    0.001000           1       500           recvfrom
                 10.00    0.001000           1       800        12 futex
                  5.00    0.000500           1       200           epoll_wait
                ------ ----------- ----------- --------- --------- ----------------
                100.00    0.010000           1      6000       512 total
                """);

        StraceSummary.Result result = StraceSummary.read(file, 1000);

        assertEquals(3.0, result.writes(), 1e-9);
        assertEquals(2.0, result.reads(), 1e-9);
        assertEquals(1.0, result.other(), 1e-9);
        assertEquals("proxy_writes=3.00 proxy_reads=2.00 proxy_other=1.00", result.line("proxy_"));
    }
}

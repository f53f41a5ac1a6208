package io.legate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory of other processes: RSS from {@code /proc/PID/status}, Java heap from {@code jcmd PID GC.heap_info}. */
final class ProcessMemory {

    private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB", Pattern.MULTILINE);
    // G1: " garbage-first heap   total 262144K, used 21430K [...]"; other collectors print the same words.
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private ProcessMemory() {
    }

    /** The summed RSS of {@code pids} in MiB; a process that is gone counts 0. */
    static double rssMib(List<Long> pids) throws IOException {
        long kib = 0;
        for (long pid : pids) {
            Path status = Path.of("/proc", Long.toString(pid), "status");
            if (Files.exists(status)) {
                Matcher m = VM_RSS.matcher(Files.readString(status));
                if (m.find()) {
                    kib += Long.parseLong(m.group(1));
                }
            }
        }
        return kib / 1024.0;
    }

    /** The used heap of a JVM in MiB, after a full GC when {@code collectFirst}; -1 when jcmd fails. */
    static double heapUsedMib(long pid, boolean collectFirst) throws IOException, InterruptedException {
        if (collectFirst) {
            jcmd(pid, "GC.run");
        }
        Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        long kib = 0;
        boolean found = false;
        while (m.find()) { // several lines (young/old generation) with some collectors: the first is the whole heap
            if (!found) {
                kib = Long.parseLong(m.group(1));
                found = true;
            }
        }
        return found ? kib / 1024.0 : -1;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}

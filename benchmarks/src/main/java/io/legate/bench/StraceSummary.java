package io.legate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.StringJoiner;

/**
 * System calls per call from the summary of {@code strace -c} (columns: % time, seconds, usecs/call, calls, errors
 * (often blank), syscall), in three groups: writes ({@code write}, {@code writev}, {@code sendto}, {@code sendmsg}),
 * reads ({@code read}, {@code readv}, {@code recvfrom}, {@code recvmsg}) and every other traced call.
 *
 * <pre>java io.legate.bench.StraceSummary CALLS FILE PREFIX [FILE PREFIX]…</pre>
 * prints {@code PREFIXwrites=… PREFIXreads=… PREFIXother=…} for each file, on one line, each count divided by the
 * {@code CALLS} made while tracing.
 */
public final class StraceSummary {

    private static final Set<String> WRITES = Set.of("write", "writev", "sendto", "sendmsg");
    private static final Set<String> READS = Set.of("read", "readv", "recvfrom", "recvmsg");

    /** System calls per call, by group. */
    public record Result(double writes, double reads, double other) {

        String line(String prefix) {
            return String.format("%1$swrites=%2$.2f %1$sreads=%3$.2f %1$sother=%4$.2f", prefix, writes, reads, other);
        }
    }

    private StraceSummary() {
    }

    public static Result read(Path summary, long calls) throws IOException {
        if (calls < 1) {
            throw new IllegalArgumentException("calls: " + calls + " (expected: >= 1)");
        }
        long writes = 0;
        long reads = 0;
        long other = 0;
        for (String line : Files.readAllLines(summary)) {
            String[] fields = line.trim().split("\\s+");
            // A row starts with its share of the time; the header, the rules and strace's own messages do not.
            if (fields.length < 5 || !fields[0].matches("\\d+\\.\\d+")) {
                continue;
            }
            String syscall = fields[fields.length - 1];
            long count = Long.parseLong(fields[3]);
            if (syscall.equals("total")) {
                continue;
            } else if (WRITES.contains(syscall)) {
                writes += count;
            } else if (READS.contains(syscall)) {
                reads += count;
            } else {
                other += count;
            }
        }
        return new Result((double) writes / calls, (double) reads / calls, (double) other / calls);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length % 2 == 0) {
            throw new IllegalArgumentException("usage: StraceSummary CALLS FILE PREFIX [FILE PREFIX]...");
        }
        long calls = Long.parseLong(args[0]);
        StringJoiner line = new StringJoiner(" ");
        for (int i = 1; i < args.length; i += 2) {
            line.add(read(Path.of(args[i]), calls).line(args[i + 1]));
        }
        System.out.println(line);
    }
}

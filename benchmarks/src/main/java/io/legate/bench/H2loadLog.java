package io.legate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles from an h2load {@code --log-file} (tab-separated: start time, HTTP status, duration in µs;
 * h2load itself reports no percentiles).
 *
 * <pre>java io.legate.bench.H2loadLog FILE</pre>
 * prints {@code requests=… unfinished=… non200=… p50_ms=… p99_ms=…}. Status 0 is a request still in flight when
 * the run ended: counted as unfinished, out of the percentiles. Any other status but 200 (-1 is h2load's stream
 * error) counts as non-200.
 */
public final class H2loadLog {

    /** Latencies in milliseconds. */
    public record Result(long requests, long unfinished, long non200, double p50Ms, double p99Ms) {

        String line() {
            return String.format("requests=%d unfinished=%d non200=%d p50_ms=%.2f p99_ms=%.2f", requests, unfinished,
                    non200, p50Ms, p99Ms);
        }
    }

    private H2loadLog() {
    }

    public static Result read(Path log) throws IOException {
        Histogram micros = new Histogram(3);
        long requests = 0;
        long unfinished = 0;
        long non200 = 0;
        try (BufferedReader reader = Files.newBufferedReader(log)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 3) {
                    continue;
                }
                requests++;
                if (fields[1].equals("0")) {
                    unfinished++;
                    continue;
                }
                if (!fields[1].equals("200")) {
                    non200++;
                }
                micros.recordValue(Math.max(1, Long.parseLong(fields[2])));
            }
        }
        return new Result(requests, unfinished, non200, micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: H2loadLog FILE");
        }
        System.out.println(read(Path.of(args[0])).line());
    }
}

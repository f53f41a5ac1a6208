package io.legate.bench;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Unary load through a real grpc-java client, so that gRPC status codes are checked and not only HTTP 200s:
 * {@code concurrency} calls of {@code helloworld.Greeter/SayHello} in flight over {@code channels} connections for
 * {@code warmup} + {@code duration} seconds, or until {@code calls} calls were made (warm-up included) when that
 * comes first; calls that end in the measured window count. A reply other than {@code Hello, world} counts as a
 * failure ({@code BAD_REPLY}).
 *
 * <pre>java io.legate.bench.UnaryLoad --target 127.0.0.1:PORT [--authority NAME] [--ca cert.pem] [--channels 8]
 *     [--concurrency 128] [--duration 5] [--warmup 1] [--calls N] [--announce] [--check]</pre>
 * prints one line {@code ok=… failed=… rps=… p50_ms=… p99_ms=… statuses=CODE:N,…}; with {@code --announce}, also
 * {@code measuring} on standard error when the measured window opens, so that a script can measure other processes
 * over the same seconds; {@code --check} makes one call and exits 1 unless it is answered {@code Hello, world}.
 */
public final class UnaryLoad {

    static final StringValue REQUEST = StringValue.of("world");
    static final String EXPECTED = "Hello, world";

    /** The figures of one run; latencies in milliseconds. */
    public record Result(long ok, long failed, Map<String, Long> statuses, double seconds, double rps, double p50Ms,
            double p99Ms) {

        String line() {
            StringBuilder codes = new StringBuilder();
            statuses.forEach((code, n) -> codes.append(codes.length() == 0 ? "" : ",").append(code).append(':').append(n));
            return String.format("ok=%d failed=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f seconds=%.2f statuses=%s", ok, failed,
                    rps, p50Ms, p99Ms, seconds, codes.length() == 0 ? "-" : codes);
        }
    }

    private final Channels channels;
    private final long measureFrom;
    private final long measureUntil;
    private final Histogram latenciesMicros = new ConcurrentHistogram(3);
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final CountDownLatch finished;
    private final AtomicLong callsLeft;
    private long finishedAt;

    private UnaryLoad(Channels channels, int concurrency, double warmupSeconds, double durationSeconds, long calls) {
        this.channels = channels;
        this.measureFrom = System.nanoTime() + (long) (warmupSeconds * 1e9);
        this.measureUntil = measureFrom + (long) (durationSeconds * 1e9);
        this.finished = new CountDownLatch(concurrency);
        this.callsLeft = new AtomicLong(calls);
    }

    /** Runs the load for its duration and returns its figures; the channels stay open. */
    public static Result run(Channels channels, int concurrency, double warmupSeconds, double durationSeconds)
            throws InterruptedException {
        return run(channels, concurrency, warmupSeconds, durationSeconds, Long.MAX_VALUE);
    }

    /** Runs the load until its duration is over or {@code calls} calls were made, whichever comes first. */
    public static Result run(Channels channels, int concurrency, double warmupSeconds, double durationSeconds,
            long calls) throws InterruptedException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: >= 1)");
        }
        if (calls < 1) {
            throw new IllegalArgumentException("calls: " + calls + " (expected: >= 1)");
        }
        UnaryLoad load = new UnaryLoad(channels, concurrency, warmupSeconds, durationSeconds, calls);
        for (int i = 0; i < concurrency; i++) {
            load.call(i);
        }
        long waitNanos = load.measureUntil - System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        if (!load.finished.await(waitNanos, TimeUnit.NANOSECONDS)) {
            load.count("NOT_FINISHED");
        }
        load.finishedAt = System.nanoTime();
        return load.result();
    }

    /** One call on the slot's channel; when it ends, the slot calls again until the window closes or no call is left. */
    private void call(int slot) {
        if (callsLeft.getAndDecrement() <= 0) {
            finished.countDown();
            return;
        }
        long start = System.nanoTime();
        ClientCalls.asyncUnaryCall(
                channels.get(slot).newCall(BenchService.SAY_HELLO, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)),
                REQUEST, new StreamObserver<>() {
                    private String reply;

                    @Override
                    public void onNext(StringValue value) {
                        reply = value.getValue();
                    }

                    @Override
                    public void onError(Throwable t) {
                        done(slot, start, Status.fromThrowable(t).getCode().name());
                    }

                    @Override
                    public void onCompleted() {
                        done(slot, start, EXPECTED.equals(reply) ? "OK" : "BAD_REPLY");
                    }
                });
    }

    private void done(int slot, long start, String status) {
        long end = System.nanoTime();
        if (end >= measureFrom && end < measureUntil) {
            count(status);
            latenciesMicros.recordValue(Math.max(1, (end - start) / 1000));
        }
        if (end >= measureUntil) {
            finished.countDown();
        } else if (status.equals("OK")) {
            call(slot);
        } else {
            // A failure may be reported inside newCall (direct executor): call again from elsewhere, not recursively.
            ForkJoinPool.commonPool().execute(() -> call(slot));
        }
    }

    private void count(String status) {
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    private Result result() {
        Map<String, Long> counts = new TreeMap<>();
        statuses.forEach((code, n) -> counts.put(code, n.sum()));
        long ok = counts.getOrDefault("OK", 0L);
        long failed = counts.values().stream().mapToLong(Long::longValue).sum() - ok;
        // A load that ran out of calls ended before its window closed: its rate is over the time it ran.
        double seconds = Math.max(0, Math.min(measureUntil, finishedAt) - measureFrom) / 1e9;
        return new Result(ok, failed, counts, seconds, seconds > 0 ? ok / seconds : 0,
                latenciesMicros.getValueAtPercentile(50) / 1000.0, latenciesMicros.getValueAtPercentile(99) / 1000.0);
    }

    /** One call; the reply, or the failure as {@code CODE: description}. */
    public static String check(Channels channels) {
        try {
            return ClientCalls.blockingUnaryCall(channels.get(0), BenchService.SAY_HELLO,
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), REQUEST).getValue();
        } catch (RuntimeException e) {
            Status status = Status.fromThrowable(e);
            return status.getCode() + ": " + status.getDescription();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        boolean check = options.flag("check");
        try (Channels channels = Channels.of(options)) {
            if (check) {
                String reply = check(channels);
                System.out.println("reply=" + reply.replace(' ', '_'));
                System.exit(EXPECTED.equals(reply) ? 0 : 1);
            }
            double warmup = options.decimal("warmup", 1);
            ScheduledExecutorService marker = Executors.newSingleThreadScheduledExecutor();
            try {
                if (options.flag("announce")) {
                    marker.schedule(() -> System.err.println("measuring"), (long) (warmup * 1e6), TimeUnit.MICROSECONDS);
                }
                System.out.println(run(channels, options.integer("concurrency", 128), warmup,
                        options.decimal("duration", 5), options.number("calls", Long.MAX_VALUE)).line());
            } finally {
                marker.shutdownNow();
            }
        }
    }
}

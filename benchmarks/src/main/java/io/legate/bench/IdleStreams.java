package io.legate.bench;

import io.grpc.CallOptions;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many idle but open streams: opens {@code streams} {@code bench.Stream/Hold} calls over {@code channels}
 * connections, waits until each has received its first message (so it is open end to end), measures the gateway,
 * then cancels them all.
 *
 * <pre>java io.legate.bench.IdleStreams --target 127.0.0.1:PORT [--streams 10000] [--channels 125]
 *     [--pids PID,PID…] [--jvm-pid PID] [--open-timeout 60]</pre>
 * prints {@code opened=… failed=… open_seconds=… rss_base_mib=… rss_mib=… heap_used_mib=… heap_live_mib=…}: RSS is
 * summed over {@code pids} (a proxy's master and workers), heap is read from {@code jvm-pid} with jcmd, before and
 * after a full GC ({@code -1} without a JVM).
 */
public final class IdleStreams {

    /** Memory figures in MiB; -1 where not measured. */
    public record Result(int opened, int failed, double openSeconds, double rssBaseMib, double rssMib,
            double heapUsedMib, double heapLiveMib) {

        String line() {
            return String.format("opened=%d failed=%d open_seconds=%.1f rss_base_mib=%.0f rss_mib=%.0f heap_used_mib=%.0f"
                    + " heap_live_mib=%.0f", opened, failed, openSeconds, rssBaseMib, rssMib, heapUsedMib, heapLiveMib);
        }
    }

    private IdleStreams() {
    }

    public static Result run(Channels channels, int streams, List<Long> pids, long jvmPid, int openTimeoutSeconds)
            throws Exception {
        double rssBase = ProcessMemory.rssMib(pids);
        CountDownLatch answered = new CountDownLatch(streams);
        AtomicInteger opened = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(streams);
        ConcurrentLinkedQueue<ClientCallStreamObserver<byte[]>> calls = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            ClientCalls.asyncServerStreamingCall(channels.get(i).newCall(BenchService.HOLD, CallOptions.DEFAULT),
                    new byte[0], new ClientResponseObserver<byte[], byte[]>() {
                        private boolean first = true;

                        @Override
                        public void beforeStart(ClientCallStreamObserver<byte[]> call) {
                            calls.add(call);
                        }

                        @Override
                        public void onNext(byte[] value) {
                            if (first) {
                                first = false;
                                opened.incrementAndGet();
                                answered.countDown();
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                            onEnd();
                        }

                        @Override
                        public void onCompleted() {
                            onEnd();
                        }

                        private void onEnd() {
                            if (first) {
                                first = false;
                                answered.countDown();
                            } else {
                                opened.decrementAndGet(); // no longer open
                            }
                            closed.countDown();
                        }
                    });
        }
        answered.await(openTimeoutSeconds, TimeUnit.SECONDS);
        double openSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(1000); // let the gateway settle before measuring
        double rss = ProcessMemory.rssMib(pids);
        double heapUsed = jvmPid > 0 ? ProcessMemory.heapUsedMib(jvmPid, false) : -1;
        double heapLive = jvmPid > 0 ? ProcessMemory.heapUsedMib(jvmPid, true) : -1;
        int openNow = opened.get(); // still open after the measurement
        calls.forEach(call -> call.cancel("benchmark done", null));
        closed.await(30, TimeUnit.SECONDS);
        return new Result(openNow, streams - openNow, openSeconds, rssBase, rss, heapUsed, heapLive);
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        List<Long> pids = new ArrayList<>();
        Arrays.stream(options.string("pids", "").split("[, ]+")).filter(s -> !s.isEmpty())
                .forEach(pid -> pids.add(Long.parseLong(pid)));
        try (Channels channels = Channels.of(options)) {
            Result result = run(channels, options.integer("streams", 10_000), pids, options.number("jvm-pid", -1),
                    options.integer("open-timeout", 60));
            System.out.println(result.line());
        }
    }
}

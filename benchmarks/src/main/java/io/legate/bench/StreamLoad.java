package io.legate.bench;

import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Server-streaming throughput: one {@code bench.Stream/Flood} call that receives {@code mib} MiB in messages of
 * {@code message-kib} KiB.
 *
 * <pre>java io.legate.bench.StreamLoad --target 127.0.0.1:PORT [--mib 1024] [--message-kib 64]</pre>
 * prints one line {@code status=OK bytes=… seconds=… mb_per_s=…} (MB = 10^6 bytes); exits 1 unless the call ends OK
 * with every byte.
 */
public final class StreamLoad {

    /** MB/s counts 10^6 bytes, as network figures do. */
    public record Result(String status, long bytes, long expectedBytes, double seconds) {

        public double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }

        public boolean complete() {
            return status.equals("OK") && bytes == expectedBytes;
        }

        String line() {
            return String.format("status=%s bytes=%d seconds=%.3f mb_per_s=%.1f", status, bytes, seconds, mbPerSecond());
        }
    }

    private StreamLoad() {
    }

    public static Result run(Channels channels, int mib, int messageKib) throws Exception {
        int size = messageKib * 1024;
        int count = (int) ((long) mib * 1024 * 1024 / size);
        long[] received = {0};
        CompletableFuture<String> end = new CompletableFuture<>();
        long start = System.nanoTime();
        ClientCalls.asyncServerStreamingCall(channels.get(0).newCall(BenchService.FLOOD, CallOptions.DEFAULT),
                BenchService.floodRequest(count, size), new StreamObserver<>() {
                    @Override
                    public void onNext(byte[] message) {
                        received[0] += message.length;
                    }

                    @Override
                    public void onError(Throwable t) {
                        Status status = Status.fromThrowable(t);
                        end.complete(status.getCode() + ":" + status.getDescription());
                    }

                    @Override
                    public void onCompleted() {
                        end.complete("OK");
                    }
                });
        String status = end.get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(status.replace(' ', '_'), received[0], (long) count * size, seconds);
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        try (Channels channels = Channels.of(options)) {
            Result result = run(channels, options.integer("mib", 1024), options.integer("message-kib", 64));
            System.out.println(result.line());
            System.exit(result.complete() ? 0 : 1);
        }
    }
}

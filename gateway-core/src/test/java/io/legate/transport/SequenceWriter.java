package io.legate.transport;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.IteratingCallback;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Writes {@link Bytes} in writes of varied sizes, each once the previous one is done, as Jetty's HTTP/2
 * flusher does.
 */
final class SequenceWriter extends IteratingCallback {
    private static final int[] VARIED = {1, 700, 16_384, 32 * 1024, 32 * 1024 + 1, 48_000, 5};

    final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final EndPoint endPoint;
    private final long total;
    private final int[] sizes;
    private volatile long offset;
    private volatile long done;
    private int next;

    /** Writes of {@code sizes} in turn; sizes around the largest copied write when none are given. */
    SequenceWriter(EndPoint endPoint, long total, int... sizes) {
        this.endPoint = endPoint;
        this.total = total;
        this.sizes = sizes.length == 0 ? VARIED : sizes;
    }

    /** The bytes whose writes were reported done. */
    long done() {
        return done;
    }

    @Override
    protected Action process() {
        done = offset;
        if (offset >= total) {
            return Action.SUCCEEDED;
        }
        int size = (int) Math.min(sizes[next++ % sizes.length], total - offset);
        endPoint.write(this, ByteBuffer.wrap(Bytes.at(offset, size)));
        offset += size;
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
        finished.complete(null);
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        finished.completeExceptionally(cause);
    }
}

package io.legate.bench;

import java.util.function.Consumer;
import org.eclipse.jetty.io.Retainable;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * One direction of a forwarded call, one write at a time: each step reads what came and starts writing it, and
 * the buffer read is held until that write completed, then released before the next read.
 */
abstract class WritingPipe extends IteratingCallback {

    private final Consumer<Throwable> onFailure;
    private Retainable writing;

    WritingPipe(Consumer<Throwable> onFailure) {
        this.onFailure = onFailure;
    }

    /** Reads the next buffer and starts writing it ({@link #hold}), or waits for one, or ends. */
    protected abstract Action next() throws Throwable;

    /** Keeps {@code buffer} until the write started with it completed. */
    protected final void hold(Retainable buffer) {
        writing = buffer;
    }

    @Override
    protected final Action process() throws Throwable {
        release();
        return next();
    }

    @Override
    protected void onSuccess() {
        release();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        release();
        onFailure.accept(cause);
    }

    private void release() {
        if (writing != null) {
            writing.release();
            writing = null;
        }
    }
}

package io.legate.proxy;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;

/**
 * Writes the upstream's reply to the caller chunk by chunk, without blocking a thread: each chunk is written and
 * flushed at once, so a streamed gRPC message never waits in a buffer for the next one, and the next chunk is asked
 * for only once the caller took this one, so a slow reader holds the upstream back through HTTP/2 flow control
 * instead of growing the gateway's buffers.
 *
 * <p>The servlet container calls {@link #onWritePossible()} only after {@code isReady()} said false, and the
 * upstream offers a chunk only after the previous one's callback, so one thread at a time runs the steps below.
 */
final class ResponseStreamer implements WriteListener {

    private enum Step { IDLE, WRITE, FLUSH, DONE }

    private final ServletOutputStream output;
    private final Response upstream;
    private Step step = Step.IDLE;
    private byte[] bytes;
    private int offset;
    private int length;
    private Callback callback;

    ResponseStreamer(ServletOutputStream output, Response upstream) {
        this.output = output;
        this.upstream = upstream;
    }

    /** The next chunk; the callback completes once the caller's connection has taken it. */
    void offer(byte[] bytes, int offset, int length, Callback callback) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.callback = callback;
        this.step = Step.WRITE;
    }

    @Override
    public void onWritePossible() throws IOException {
        while (true) {
            switch (step) {
                case WRITE -> {
                    output.write(bytes, offset, length);
                    step = Step.FLUSH;
                    if (!output.isReady()) {
                        return;
                    }
                }
                case FLUSH -> {
                    output.flush();
                    step = Step.DONE;
                    if (!output.isReady()) {
                        return;
                    }
                }
                case DONE -> {
                    Callback done = callback;
                    bytes = null;
                    callback = null;
                    step = Step.IDLE;
                    done.succeeded();
                    return;
                }
                case IDLE -> {
                    return;
                }
            }
        }
    }

    @Override
    public void onError(Throwable failure) {
        Callback pending = callback;
        callback = null;
        if (pending != null) {
            pending.failed(failure);
        }
        upstream.abort(failure);
    }
}

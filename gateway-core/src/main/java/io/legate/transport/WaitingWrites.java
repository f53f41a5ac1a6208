package io.legate.transport;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes made while another one waits on a full socket, in order. They leave together, in one gathering write, once
 * it is done; their callbacks complete only then, so a writer that waits for its callback before writing more (as
 * the HTTP/2 flusher does) is held back as it would be without consolidation. Not thread-safe: its endpoint locks.
 */
final class WaitingWrites {

    private final List<Callback> callbacks = new ArrayList<>();
    private final List<ByteBuffer> buffers = new ArrayList<>();

    void add(Callback callback, ByteBuffer[] written) {
        callbacks.add(callback);
        buffers.addAll(Arrays.asList(written));
    }

    boolean isEmpty() {
        return callbacks.isEmpty();
    }

    /** Takes every waiting write: their buffers in order, and one callback that completes them all. */
    Batch take() {
        Batch batch = new Batch(List.copyOf(callbacks), buffers.toArray(new ByteBuffer[0]));
        callbacks.clear();
        buffers.clear();
        return batch;
    }

    record Batch(List<Callback> callbacks, ByteBuffer[] buffers) implements Callback {
        @Override
        public void succeeded() {
            callbacks.forEach(Callback::succeeded);
        }

        @Override
        public void failed(Throwable x) {
            callbacks.forEach(callback -> callback.failed(x));
        }

        @Override
        public InvocationType getInvocationType() {
            return Invocable.combineTypes(callbacks.stream().map(Callback::getInvocationType)
                    .toArray(InvocationType[]::new));
        }
    }
}

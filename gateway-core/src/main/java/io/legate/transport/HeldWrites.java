package io.legate.transport;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The writes one endpoint holds during a {@link ReadPass}. Inside a pass, small writes are copied into one buffer
 * and reported done at once, so Jetty's HTTP/2 flusher goes on with the next frames of this and other streams; the
 * pass writes the buffer through the endpoint's own write machinery when it has read all there was.
 *
 * <p>Order is kept: a write that is not copied (too big, made outside a pass, or not fitting) goes out behind the
 * copied bytes in the same gathering write; while a write waits on a full socket, later writes wait behind it with
 * their callbacks, which keeps the writers' back-pressure. Since copied writes are reported done before their bytes
 * leave, a failure to send them closes the endpoint with its cause: the next write, flush or read learns of it.
 */
final class HeldWrites {

    /** The endpoint whose writes are held: what it does without holding them. */
    interface Holder extends EndPoint {
        /** The endpoint's own write, which waits for a full socket. */
        void writeThrough(Callback callback, ByteBuffer... buffers);

        /** Shuts the endpoint's output now. */
        void shutdownOutputThrough();

        ByteBufferPool bufferPool();
    }

    /** A write straight to the layer below, without waiting: an endpoint's {@code flush()}. */
    interface Flush {
        boolean flush(ByteBuffer... buffers) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(HeldWrites.class);
    /** Larger writes (a big DATA frame) are not worth a copy: one system call for them alone is cheap enough. */
    private static final int MAX_COPY_BYTES = 32 * 1024;
    /** What one pass may hold for one endpoint; a write that does not fit goes out with what was held. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Holder endPoint;
    private final boolean aboveTls;
    /**
     * Ends the buffers of the writes made here: Jetty's write machinery calls the endpoint's {@code flush()} for
     * them too, and {@link #isOwn} tells them from a flush made directly by the layer above.
     */
    private final ByteBuffer ownWrite = ByteBuffer.allocate(0);
    private final Object lock = new Object();
    private final WaitingWrites waiting = new WaitingWrites();
    /** Bytes copied and not written yet; null when none. Always null while a write is under way. */
    private RetainableByteBuffer.Mutable copied;
    private boolean writing;
    private boolean shutdownAfterWrite;
    private Throwable failure;

    /** {@code aboveTls}: whether the endpoint is a TLS connection's decrypted side, which writes when the pass ends. */
    HeldWrites(Holder endPoint, boolean aboveTls) {
        this.endPoint = endPoint;
        this.aboveTls = aboveTls;
    }

    boolean aboveTls() {
        return aboveTls;
    }

    void write(Callback callback, ByteBuffer... buffers) {
        ReadPass pass = ReadPass.current();
        Throwable failed;
        Write write;
        synchronized (lock) {
            failed = failure;
            if (failed == null) {
                if (writing) {
                    waiting.add(callback, buffers);
                    return;
                }
                if (copy(pass, buffers)) {
                    write = null;
                } else {
                    write = start(callback, buffers);
                }
            } else {
                write = null;
            }
        }
        if (failed != null) {
            callback.failed(failed);
        } else if (write == null) {
            callback.succeeded();
        } else {
            write.send();
        }
    }

    /** Whether {@code buffers} are those of a write made here, which the endpoint flushes straight through. */
    boolean isOwn(ByteBuffer[] buffers) {
        return buffers.length > 0 && buffers[buffers.length - 1] == ownWrite;
    }

    /**
     * A flush made directly by the layer above ({@code SslConnection} writes its encrypted bytes this way first,
     * and only writes what this did not take): inside a pass its bytes are copied as writes are, and otherwise they
     * go out through {@code direct} behind the copied bytes.
     */
    boolean flush(ByteBuffer[] buffers, Flush direct) throws IOException {
        ReadPass pass = ReadPass.current();
        synchronized (lock) {
            if (failure != null) {
                throw new EofException(failure);
            }
            if (writing) {
                // Behind the write under way; the caller writes what is left, which then waits its turn.
                return false;
            }
            if (copy(pass, buffers)) {
                return true;
            }
            if (copied == null) {
                return direct.flush(buffers);
            }
            ByteBuffer[] all = new ByteBuffer[buffers.length + 1];
            all[0] = copied.getByteBuffer();
            System.arraycopy(buffers, 0, all, 1, buffers.length);
            boolean flushed = direct.flush(all);
            if (!copied.hasRemaining()) {
                releaseCopied();
            }
            return flushed;
        }
    }

    /** Writes what the pass copied, unless a write under way took it already. */
    void writeCopied() {
        Write write;
        synchronized (lock) {
            if (writing || copied == null || failure != null) {
                return;
            }
            if (!copied.hasRemaining()) {
                releaseCopied();
                return;
            }
            write = start(null, new ByteBuffer[0]);
        }
        write.send();
    }

    /**
     * Shuts the output once the bytes written before are out; false when none wait, and the endpoint shuts it
     * itself now.
     */
    boolean shutdownOutputAfterWrites() {
        Write write = null;
        synchronized (lock) {
            boolean afterWrite = writing || (copied != null && failure == null);
            if (!afterWrite) {
                return false;
            }
            shutdownAfterWrite = true;
            if (!writing) {
                write = start(null, new ByteBuffer[0]);
            }
        }
        if (write != null) {
            write.send();
        }
        return true;
    }

    /**
     * Makes a last try to send the copied bytes through {@code direct}, without waiting: closing does not wait for
     * a full socket, with or without copies.
     */
    void close(Flush direct) {
        synchronized (lock) {
            if (copied != null) {
                if (!writing && failure == null) {
                    try {
                        direct.flush(copied.getByteBuffer());
                    } catch (IOException x) {
                        LOG.debug("bytes written before the close of {} are lost", endPoint, x);
                    }
                }
                releaseCopied();
            }
        }
    }

    /**
     * Copies {@code buffers} (consuming them, as a write does) when inside a pass, open, small enough and room is
     * left; a closed or shut endpoint fails writes as Jetty's does, so they are not copied.
     */
    private boolean copy(ReadPass pass, ByteBuffer[] buffers) {
        if (pass == null || endPoint.isOutputShutdown() || !endPoint.isOpen()) {
            return false;
        }
        long bytes = BufferUtil.remaining(buffers);
        if (bytes > MAX_COPY_BYTES) {
            return false;
        }
        if (bytes > 0) {
            if (copied == null) {
                copied = endPoint.bufferPool().acquire(BUFFER_BYTES, true);
            }
            ByteBuffer target = copied.getByteBuffer();
            if (BufferUtil.space(target) < bytes) {
                return false;
            }
            for (ByteBuffer buffer : buffers) {
                BufferUtil.append(target, buffer);
            }
            pass.held(this);
        }
        return true;
    }

    /** Starts a real write of the copied bytes and {@code buffers}; the caller sends it once out of the lock. */
    private Write start(Callback callback, ByteBuffer[] buffers) {
        writing = true;
        RetainableByteBuffer.Mutable carried = copied;
        copied = null;
        return new Write(callback, carried, carried == null ? own(buffers) : behind(carried, buffers));
    }

    private ByteBuffer[] behind(RetainableByteBuffer carried, ByteBuffer[] buffers) {
        ByteBuffer[] all = new ByteBuffer[buffers.length + 2];
        all[0] = carried.getByteBuffer();
        System.arraycopy(buffers, 0, all, 1, buffers.length);
        all[all.length - 1] = ownWrite;
        return all;
    }

    private ByteBuffer[] own(ByteBuffer[] buffers) {
        ByteBuffer[] all = new ByteBuffer[buffers.length + 1];
        System.arraycopy(buffers, 0, all, 0, buffers.length);
        all[buffers.length] = ownWrite;
        return all;
    }

    private void releaseCopied() {
        copied.release();
        copied = null;
    }

    /** A write through the endpoint's write machinery, which waits for the socket when it is full. */
    private final class Write implements Callback {
        private final Callback callback;
        private final RetainableByteBuffer carried;
        private final ByteBuffer[] buffers;

        Write(Callback callback, RetainableByteBuffer carried, ByteBuffer[] buffers) {
            this.callback = callback;
            this.carried = carried;
            this.buffers = buffers;
        }

        void send() {
            endPoint.writeThrough(this, buffers);
        }

        @Override
        public void succeeded() {
            release();
            Write next = null;
            boolean shutdown = false;
            synchronized (lock) {
                if (waiting.isEmpty()) {
                    writing = false;
                    shutdown = shutdownAfterWrite;
                    shutdownAfterWrite = false;
                } else {
                    WaitingWrites.Batch batch = waiting.take();
                    next = new Write(batch, null, own(batch.buffers()));
                }
            }
            if (callback != null) {
                callback.succeeded();
            }
            if (next != null) {
                next.send();
            } else if (shutdown) {
                endPoint.shutdownOutputThrough();
            }
        }

        @Override
        public void failed(Throwable x) {
            release();
            WaitingWrites.Batch waited;
            synchronized (lock) {
                failure = x;
                writing = false;
                waited = waiting.take();
            }
            if (callback != null) {
                callback.failed(x);
            }
            waited.failed(x);
            if (carried != null) {
                // Their writers were told they succeeded: only closing tells them otherwise.
                endPoint.close(x);
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return callback == null ? InvocationType.NON_BLOCKING : callback.getInvocationType();
        }

        private void release() {
            if (carried != null) {
                carried.release();
            }
        }
    }
}

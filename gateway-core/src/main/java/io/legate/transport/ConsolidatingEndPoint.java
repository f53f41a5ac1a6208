package io.legate.transport;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * A socket endpoint that writes once per read pass. HTTP/2 writes each frame, or the few frames queued at that
 * moment, as soon as it is made: a unary call forwarded through the gateway cost three to five {@code writev}, and
 * system calls were most of a Jetty forwarder's CPU per call. Inside a {@link ReadPass}, small writes are
 * copied into one buffer and reported done at once, so Jetty's HTTP/2 flusher goes on with the next frames of this
 * and other streams; the pass writes the buffer when it has read all there was.
 *
 * <p>Order is kept: a write that is not copied (too big, made outside a pass, or not fitting) goes out behind the
 * copied bytes in the same gathering write; while a write waits on a full socket, later writes wait behind it with
 * their callbacks, which keeps the writers' back-pressure. Since copied writes are reported done before their bytes
 * leave, a failure to send them closes the connection with its cause: the next write, flush or read learns of it.
 *
 * <p>This relies on code that runs in a pass never blocking on its peer: bytes copied by a pass leave when a
 * {@code fill()} on this thread finds nothing more to read, or when the pass ends; on a selector's thread, before
 * it selects again.
 */
final class ConsolidatingEndPoint extends SocketChannelEndPoint {

    private static final Logger LOG = LoggerFactory.getLogger(ConsolidatingEndPoint.class);
    /** Larger writes (a big DATA frame) are not worth a copy: one system call for them alone is cheap enough. */
    private static final int MAX_COPY_BYTES = 32 * 1024;
    /** What one pass may hold for one connection; a write that does not fit goes out with what was held. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private final ByteBufferPool pool;
    /**
     * Ends the buffers of this endpoint's own writes: Jetty's write machinery calls {@link #flush} for them too, and
     * tells them from a connection's direct flush by this last element.
     */
    private final ByteBuffer ownWrite = ByteBuffer.allocate(0);
    private final Object lock = new Object();
    private final WaitingWrites waiting = new WaitingWrites();
    /** Bytes copied and not written yet; null when none. Always null while a write is under way. */
    private RetainableByteBuffer.Mutable copied;
    private boolean writing;
    private boolean shutdownAfterWrite;
    private Throwable failure;
    /** Gathering writes to the socket, for Jetty's dumps and to show the consolidation at work. */
    private final LongAdder socketWrites = new LongAdder();
    /**
     * Whether a read since the selector last found the socket readable took less than the room it had: the socket
     * had nothing more then, so the next read answers nothing without asking it again (as Netty does), and the
     * selector, which reports a readable socket as long as it is, says when more came.
     */
    private boolean readShort;

    ConsolidatingEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler,
                          ByteBufferPool pool) {
        super(channel, selector, key, scheduler);
        this.pool = pool;
    }

    @Override
    public Runnable onSelected() {
        readShort = false;
        return ReadPass.around(super.onSelected());
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        if (readShort) {
            readShort = false;
            ReadPass.drained();
            return 0;
        }
        int room = BufferUtil.space(buffer);
        int filled = super.fill(buffer);
        if (filled <= 0) {
            ReadPass.drained();
        } else {
            readShort = filled < room;
        }
        return filled;
    }

    @Override
    public void write(Callback callback, ByteBuffer... buffers) {
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

    /**
     * {@code SslConnection} writes its encrypted bytes here first, and only writes what this did not take; so
     * inside a pass they are copied as writes are, and otherwise they go out behind the copied bytes.
     */
    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        if (buffers.length > 0 && buffers[buffers.length - 1] == ownWrite) {
            return flushToSocket(buffers);
        }
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
                return flushToSocket(buffers);
            }
            ByteBuffer[] all = behindCopied(buffers);
            boolean flushed = flushToSocket(all);
            if (!copied.hasRemaining()) {
                releaseCopied();
            }
            return flushed;
        }
    }

    /** Writes what the pass copied, unless a write under way took it already. */
    void flushCopied() {
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

    @Override
    protected void doShutdownOutput() {
        Write write = null;
        boolean afterWrite;
        synchronized (lock) {
            // The output shuts once the bytes written before are out.
            afterWrite = writing || (copied != null && failure == null);
            if (afterWrite) {
                shutdownAfterWrite = true;
                if (!writing) {
                    write = start(null, new ByteBuffer[0]);
                }
            }
        }
        if (!afterWrite) {
            super.doShutdownOutput();
        } else if (write != null) {
            write.send();
        }
    }

    @Override
    public void doClose() {
        synchronized (lock) {
            if (copied != null) {
                // A last try without waiting: closing does not wait for a full socket, with or without copies.
                if (!writing && failure == null) {
                    try {
                        flushToSocket(copied.getByteBuffer());
                    } catch (IOException x) {
                        LOG.debug("bytes written before the close of {} are lost", this, x);
                    }
                }
                releaseCopied();
            }
        }
        super.doClose();
    }

    /** How many gathering writes this endpoint made to its socket so far. */
    long socketWrites() {
        return socketWrites.sum();
    }

    private boolean flushToSocket(ByteBuffer... buffers) throws IOException {
        socketWrites.increment();
        return super.flush(buffers);
    }

    @Override
    public String toEndPointString() {
        return super.toEndPointString() + "{socketWrites=" + socketWrites() + "}";
    }

    /**
     * Copies {@code buffers} (consuming them, as a write does) when inside a pass, open, small enough and room is
     * left; a closed or shut endpoint fails writes as Jetty's does, so they are not copied.
     */
    private boolean copy(ReadPass pass, ByteBuffer[] buffers) {
        if (pass == null || isOutputShutdown() || !isOpen()) {
            return false;
        }
        long bytes = BufferUtil.remaining(buffers);
        if (bytes > MAX_COPY_BYTES) {
            return false;
        }
        if (bytes > 0) {
            if (copied == null) {
                copied = pool.acquire(BUFFER_BYTES, true);
            }
            ByteBuffer target = copied.getByteBuffer();
            if (BufferUtil.space(target) < bytes) {
                return false;
            }
            for (ByteBuffer buffer : buffers) {
                BufferUtil.append(target, buffer);
            }
            pass.dirtied(this);
        }
        return true;
    }

    /** Starts a real write of the copied bytes and {@code buffers}; the caller sends it once out of the lock. */
    private Write start(Callback callback, ByteBuffer[] buffers) {
        writing = true;
        RetainableByteBuffer.Mutable carried = copied;
        copied = null;
        return new Write(callback, carried, carried == null ? own(buffers) : behindCopied(carried, buffers));
    }

    private ByteBuffer[] behindCopied(ByteBuffer[] buffers) {
        ByteBuffer[] all = new ByteBuffer[buffers.length + 1];
        all[0] = copied.getByteBuffer();
        System.arraycopy(buffers, 0, all, 1, buffers.length);
        return all;
    }

    private ByteBuffer[] behindCopied(RetainableByteBuffer carried, ByteBuffer[] buffers) {
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

    /** A write through Jetty's write machinery, which waits for the socket when it is full. */
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
            ConsolidatingEndPoint.super.write(this, buffers);
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
                ConsolidatingEndPoint.super.doShutdownOutput();
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
                close(x);
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

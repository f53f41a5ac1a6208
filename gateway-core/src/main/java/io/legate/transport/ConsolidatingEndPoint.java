package io.legate.transport;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * A socket endpoint that writes once per read pass. HTTP/2 writes each frame, or the few frames queued at that
 * moment, as soon as it is made: a unary call forwarded through the gateway cost three to five {@code writev}, and
 * system calls were most of a Jetty forwarder's CPU per call. Inside a {@link ReadPass}, its writes are held
 * ({@link HeldWrites}) and leave in one gathering write when the pass has read all there was.
 *
 * <p>This relies on code that runs in a pass never blocking on its peer: bytes copied by a pass leave when a
 * {@code fill()} on this thread finds nothing more to read, or when the pass ends; on a selector's thread, before
 * it selects again.
 */
final class ConsolidatingEndPoint extends SocketChannelEndPoint implements HeldWrites.Holder {

    private final ByteBufferPool pool;
    private final HeldWrites held = new HeldWrites(this, false);
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
        held.write(callback, buffers);
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        return held.isOwn(buffers) ? flushToSocket(buffers) : held.flush(buffers, this::flushToSocket);
    }

    @Override
    protected void doShutdownOutput() {
        if (!held.shutdownOutputAfterWrites()) {
            super.doShutdownOutput();
        }
    }

    @Override
    public void doClose() {
        held.close(this::flushToSocket);
        super.doClose();
    }

    @Override
    public void writeThrough(Callback callback, ByteBuffer... buffers) {
        super.write(callback, buffers);
    }

    @Override
    public void shutdownOutputThrough() {
        super.doShutdownOutput();
    }

    @Override
    public ByteBufferPool bufferPool() {
        return pool;
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
}

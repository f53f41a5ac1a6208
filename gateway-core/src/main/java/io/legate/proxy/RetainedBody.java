package io.legate.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.Content;

/**
 * The caller's body of a call that may be tried again: what each try reads of it is kept, up to
 * {@value #MAX_KEPT} bytes, so that the next try sends it again and then reads on from the caller. A body larger
 * than that is not kept, and its call is not tried again once it was read. Only the latest try reads: an earlier
 * one gets a failure, and its pending demand is dropped (the caller's request takes one demand at a time).
 */
final class RetainedBody {

    static final int MAX_KEPT = 64 * 1024;

    private final Content.Source caller;
    private final List<ByteBuffer> kept = new ArrayList<>();
    private int keptBytes;
    private boolean overflowed;
    private boolean ended;
    private Try current;
    private Runnable waiting;
    private boolean demanding;

    RetainedBody(Content.Source caller) {
        this.caller = caller;
    }

    /** The body for a new try, from its first byte; the try before reads no more. */
    synchronized Content.Source nextTry() {
        current = new Try();
        waiting = null;
        return current;
    }

    /** Whether a new try can send the whole body again: nothing read of it was let go. */
    synchronized boolean replayable() {
        return !overflowed;
    }

    private void available() {
        Runnable next;
        synchronized (this) {
            demanding = false;
            next = waiting;
            waiting = null;
        }
        if (next != null) {
            next.run();
        }
    }

    private final class Try implements Content.Source {
        private int position;

        @Override
        public Content.Chunk read() {
            synchronized (RetainedBody.this) {
                if (this != current) {
                    // Not a last chunk: the caller is still there, only this try is over.
                    return Content.Chunk.from(new IOException("the call is being tried again"), false);
                }
                if (position < kept.size()) {
                    ByteBuffer bytes = kept.get(position++).slice();
                    return Content.Chunk.from(bytes, ended && position == kept.size());
                }
                if (ended) {
                    return Content.Chunk.EOF;
                }
            }
            Content.Chunk chunk = caller.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            synchronized (RetainedBody.this) {
                ended = chunk.isLast();
                keep(chunk.getByteBuffer());
                position = kept.size();
            }
            return chunk;
        }

        private void keep(ByteBuffer bytes) {
            if (overflowed || !bytes.hasRemaining()) {
                return;
            }
            if (keptBytes + bytes.remaining() > MAX_KEPT) {
                overflowed = true;
                kept.clear();
                return;
            }
            keptBytes += bytes.remaining();
            kept.add(ByteBuffer.allocate(bytes.remaining()).put(bytes.slice()).flip());
        }

        @Override
        public void demand(Runnable demandCallback) {
            boolean now;
            boolean ask;
            synchronized (RetainedBody.this) {
                if (this != current) {
                    return;
                }
                now = position < kept.size() || ended;
                ask = !now && !demanding;
                if (!now) {
                    waiting = demandCallback;
                    demanding = true;
                }
            }
            if (now) {
                demandCallback.run();
            } else if (ask) {
                caller.demand(RetainedBody.this::available);
            }
        }

        @Override
        public void fail(Throwable failure) {
            // The call answers the caller: failing its request would answer twice.
        }
    }
}

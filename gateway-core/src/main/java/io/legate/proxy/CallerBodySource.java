package io.legate.proxy;

import java.io.IOException;
import org.eclipse.jetty.io.Content;

/**
 * The caller's request body as the call reads it, until the call ends. An upstream may end its reply while the
 * caller is still sending, and the call then ends with a read of the body still under way or a demand pending.
 * Jetty recycles an ended request's channel for the next request of the same connection (HTTP/1.1 keep-alive,
 * HTTP/2 streams), so a read or demand made after the end would reach that next request: take its content, or fail
 * it with "channel already completed". Once {@link #end} was called, nothing reaches the caller's request any more:
 * a read gets {@link CallEnded}, and a demand is answered at once so that its reader learns it. No lock is held
 * around Jetty's read: a read that fills the caller's connection may run other calls' write callbacks, which end
 * calls.
 *
 * <p>A failure read from the caller's body is told as a {@link CallerBodyFailure}: whoever forwards the body
 * fails with it, and it must not pass for the upstream's.
 */
final class CallerBodySource implements Content.Source {

    private final Content.Source caller;
    private volatile boolean ended;

    CallerBodySource(Content.Source caller) {
        this.caller = caller;
    }

    /** Reads no more of the caller's body. */
    void end() {
        ended = true;
    }

    @Override
    public Content.Chunk read() {
        if (ended) {
            return Content.Chunk.from(new CallEnded(), true);
        }
        Content.Chunk chunk = caller.read();
        if (Content.Chunk.isFailure(chunk)) {
            // A read that raced the end finds the request's channel completed: the call's end, not the caller's.
            Throwable failure = ended ? new CallEnded() : new CallerBodyFailure(chunk.getFailure());
            return Content.Chunk.from(failure, chunk.isLast());
        }
        return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
        if (!ended) {
            try {
                caller.demand(demandCallback);
                return;
            } catch (IllegalStateException channelCompleted) {
                // The call ended on another thread since the check above; its reader learns it from the next read.
            }
        }
        demandCallback.run();
    }

    @Override
    public long getLength() {
        return caller.getLength();
    }

    /** The call answers the caller itself: failing its request as well would answer it twice. */
    @Override
    public void fail(Throwable failure) {
    }

    /** What a read of the body gets once the call ended: the end of the call, not a failure of anyone's. */
    static final class CallEnded extends IOException {
        CallEnded() {
            super("the call has ended");
        }
    }
}

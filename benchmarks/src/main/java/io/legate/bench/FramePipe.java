package io.legate.bench;

import java.util.function.Consumer;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;

/**
 * One direction of a forwarded stream after its head: the DATA frames of {@code from} written to the other stream
 * as they come, the next read once the last was written (its buffer released then), then its trailers or its
 * END_STREAM. Reading starts once the other stream is there ({@link #open}).
 *
 * <p>Jetty tells trailers as soon as they arrive, before DATA frames still queued were read: they are written after
 * the last of them.
 */
final class FramePipe extends WritingPipe {

    private final Stream from;
    private volatile Stream to;
    private volatile HeadersFrame trailers;
    private boolean ended;

    FramePipe(Stream from, Consumer<Throwable> onFailure) {
        super(onFailure);
        this.from = from;
    }

    void open(Stream to) {
        this.to = to;
        iterate();
    }

    /** Jetty queues an empty last DATA frame once the listener took the trailers: they go in its place. */
    void trailers(HeadersFrame frame) {
        trailers = frame;
    }

    @Override
    protected Action next() {
        Stream to = this.to;
        if (ended) {
            return Action.SUCCEEDED;
        }
        if (to == null) {
            return Action.IDLE;
        }
        while (true) {
            Stream.Data data = from.readData();
            if (data == null) {
                from.demand();
                return Action.IDLE;
            }
            DataFrame frame = data.frame();
            ended = frame.isEndStream();
            HeadersFrame last = trailers;
            if (ended && last != null) {
                data.release();
                to.headers(new HeadersFrame(to.getId(), last.getMetaData(), null, true), this);
                return Action.SCHEDULED;
            }
            if (!ended && !frame.getByteBuffer().hasRemaining()) {
                data.release();
                continue;
            }
            hold(data);
            to.data(new DataFrame(to.getId(), frame.getByteBuffer(), ended), this);
            return Action.SCHEDULED;
        }
    }
}

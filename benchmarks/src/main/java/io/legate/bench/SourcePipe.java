package io.legate.bench;

import java.util.function.Consumer;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.io.Content;

/**
 * A caller's body, read from Jetty's core request, written as DATA frames of the upstream stream as it comes: the
 * next read once the last was written (its chunk released then), the last chunk with END_STREAM.
 */
final class SourcePipe extends WritingPipe {

    private final Content.Source from;
    private final Stream to;
    private boolean ended;

    SourcePipe(Content.Source from, Stream to, Consumer<Throwable> onFailure) {
        super(onFailure);
        this.from = from;
        this.to = to;
    }

    @Override
    protected Action next() throws Throwable {
        if (ended) {
            return Action.SUCCEEDED;
        }
        while (true) {
            Content.Chunk chunk = from.read();
            if (chunk == null) {
                from.demand(this::iterate);
                return Action.IDLE;
            }
            if (Content.Chunk.isFailure(chunk)) {
                throw chunk.getFailure();
            }
            ended = chunk.isLast();
            if (!ended && !chunk.hasRemaining()) {
                chunk.release();
                continue;
            }
            hold(chunk);
            to.data(new DataFrame(to.getId(), chunk.getByteBuffer(), ended), this);
            return Action.SCHEDULED;
        }
    }
}

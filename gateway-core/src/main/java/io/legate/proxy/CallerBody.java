package io.legate.proxy;

import io.legate.metrics.RequestMeter;
import io.legate.plugin.RequestBodyFilter;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.client.ContentSourceRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ContentSourceTransformer;
import org.eclipse.jetty.server.Request;

/**
 * The caller's body, read straight from Jetty's core request: no copy, no hand-off between threads, and the
 * caller's last DATA frame keeps its END_STREAM, so a unary call reaches the upstream as HEADERS and one DATA frame. When plugins transform the body
 * it goes through their filters, and its length is no longer known.
 */
final class CallerBody extends ContentSourceRequestContent {

    private final long length;
    private final RequestMeter meter;

    /** @param lengthKept whether no plugin changed the body's length or its {@code content-length} */
    CallerBody(Request request, List<RequestBodyFilter> filters, boolean lengthKept, RequestMeter meter) {
        super(filters.isEmpty() ? request : new Filtered(request, filters),
                request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        this.length = filters.isEmpty() && lengthKept ? request.getLength() : -1;
        this.meter = meter;
    }

    /**
     * A caller that resets its stream while its body is read is told here, as the body's last chunk, a failure,
     * and nowhere else: the upstream exchange that chunk aborts is no failure of the upstream's.
     */
    @Override
    public Content.Chunk read() {
        Content.Chunk chunk = super.read();
        if (chunk != null && chunk.isLast() && Content.Chunk.isFailure(chunk)) {
            meter.callerGone();
        }
        return chunk;
    }

    @Override
    public long getLength() {
        return length;
    }

    /**
     * An upstream failure is answered by the call itself; passed on, it would also fail the caller's request,
     * which Jetty would log as an error and answer a second time.
     */
    @Override
    public void fail(Throwable failure, boolean last) {
    }

    /** Each chunk through every filter, in the order they were registered. */
    private static final class Filtered extends ContentSourceTransformer {
        private final List<RequestBodyFilter> filters;

        Filtered(Content.Source caller, List<RequestBodyFilter> filters) {
            super(caller);
            this.filters = List.copyOf(filters);
        }

        @Override
        protected Content.Chunk transform(Content.Chunk input) {
            if (input == null) {
                return null;
            }
            ByteBuffer bytes = input.getByteBuffer();
            for (RequestBodyFilter filter : filters) {
                bytes = filter.onBody(bytes, input.isLast());
            }
            if (bytes == input.getByteBuffer()) {
                input.retain();
                return Content.Chunk.asChunk(bytes, input.isLast(), input);
            }
            if (!bytes.hasRemaining()) {
                return input.isLast() ? Content.Chunk.EOF : null;
            }
            return Content.Chunk.from(bytes, input.isLast());
        }

        /** As for the whole body: the call answers the caller, failing its request would answer twice. */
        @Override
        public void fail(Throwable failure) {
        }
    }
}

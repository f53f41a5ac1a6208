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
 * The caller's body as the upstream gets it, read straight from Jetty's core request: no copy, no hand-off between
 * threads, and the caller's last DATA frame keeps its END_STREAM, so a unary call reaches the upstream as HEADERS
 * and one DATA frame. When plugins transform the body it goes through their filters, and its length is no longer
 * known.
 *
 * @param length the body's length, or -1 when it is not known
 */
record CallerBody(Content.Source source, long length) {

    /**
     * The body of {@code caller}, read from {@code body}, through the plugins' filters; null when the request has
     * none.
     */
    static CallerBody of(Request caller, CallerBodySource body, CallExchange exchange) {
        if (!hasContent(caller)) {
            return null;
        }
        List<RequestBodyFilter> filters = exchange.bodyFilters();
        boolean lengthKept = !exchange.changedHeaders().containsKey("content-length");
        return new CallerBody(filters.isEmpty() ? body : new Filtered(body, filters),
                filters.isEmpty() && lengthKept ? caller.getLength() : -1);
    }

    /** The same body read from {@code other} (kept for a retry). */
    CallerBody from(Content.Source other) {
        return new CallerBody(other, length);
    }

    /**
     * Whether {@code chunk}, read from the body, says the caller went away: a caller that resets its stream while
     * its body is read is told there, as the body's last chunk, a failure, and nowhere else. The upstream exchange
     * that chunk aborts is then no failure of the upstream's. A read made after the call ended says nothing of
     * the caller.
     */
    static boolean callerGone(Content.Chunk chunk) {
        return chunk != null && chunk.isLast() && Content.Chunk.isFailure(chunk)
                && !(chunk.getFailure() instanceof CallerBodySource.CallEnded);
    }

    /** The body as HttpClient sends it; {@code meter} hears a caller that went away while it was read. */
    org.eclipse.jetty.client.Request.Content forClient(Request caller, RequestMeter meter) {
        return new ContentSourceRequestContent(source, caller.getHeaders().get(HttpHeader.CONTENT_TYPE)) {
            @Override
            public Content.Chunk read() {
                Content.Chunk chunk = super.read();
                if (callerGone(chunk)) {
                    meter.callerGone();
                }
                return chunk;
            }

            @Override
            public long getLength() {
                return length;
            }

            /**
             * An upstream failure is answered by the call itself; passed on, it would also fail the caller's
             * request, which Jetty would log as an error and answer a second time.
             */
            @Override
            public void fail(Throwable failure, boolean last) {
            }
        };
    }

    /** HTTP/2 requests (gRPC above all) carry a body with neither Content-Length nor Transfer-Encoding. */
    private static boolean hasContent(Request caller) {
        long length = caller.getLength();
        if (length > 0 || caller.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return true;
        }
        if (length == 0) {
            return false;
        }
        return GatewayReply.isGrpc(caller) || caller.getConnectionMetaData().getHttpVersion()
                == org.eclipse.jetty.http.HttpVersion.HTTP_2 && !isBodiless(caller.getMethod());
    }

    private static boolean isBodiless(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "DELETE".equals(method);
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

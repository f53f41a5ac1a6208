package io.legate.bench;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The upstream stream's reply, written to the caller's core response as it comes: its status and headers, each
 * DATA frame's bytes (the next read once the last was written), its trailers when the container completes the
 * call. A reset or failure of either side breaks the caller's response off and resets the upstream stream.
 */
final class ServletReply implements Stream.Listener {

    private final Response response;
    private final AsyncContext async;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Stream upstream;
    private volatile HttpFields trailers;
    private final Body body = new Body();

    ServletReply(Response response, AsyncContext async) {
        this.response = response;
        this.async = async;
    }

    @Override
    public void onHeaders(Stream stream, HeadersFrame frame) {
        MetaData metaData = frame.getMetaData();
        if (!metaData.isResponse()) {
            // Jetty tells trailers before the DATA frames still queued: the empty last one that follows ends the call.
            trailers = metaData.getHttpFields();
            return;
        }
        upstream = stream;
        response.setStatus(((MetaData.Response) metaData).getStatus());
        response.getHeaders().add(metaData.getHttpFields());
        response.setTrailersSupplier(() -> trailers);
        if (frame.isEndStream()) {
            complete();
        } else {
            stream.demand();
        }
    }

    @Override
    public void onDataAvailable(Stream stream) {
        body.iterate();
    }

    @Override
    public void onReset(Stream stream, ResetFrame frame, Callback callback) {
        callback.succeeded();
        fail(new IOException("upstream reset: " + ErrorCode.toString(frame.getError(), "error " + frame.getError())));
    }

    @Override
    public void onFailure(Stream stream, int error, String reason, Throwable failure, Callback callback) {
        callback.succeeded();
        fail(failure);
    }

    /** Breaks the call off once: the caller's response, and the upstream stream if it is open. */
    void fail(Throwable failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Stream stream = upstream;
        if (stream != null && !stream.isReset()) {
            stream.reset(new ResetFrame(stream.getId(), ErrorCode.CANCEL_STREAM_ERROR.code), Callback.NOOP);
        }
        try {
            ((HttpServletResponse) async.getResponse()).sendError(-1);
            async.complete();
        } catch (IOException | IllegalStateException callerGone) {
            // The caller went first, and the container ended the call.
        }
    }

    /** The container writes the end of the reply, with its trailers. */
    private void complete() {
        if (ended.compareAndSet(false, true)) {
            async.complete();
        }
    }

    /** The upstream's DATA frames, each written to the caller's response once the last was. */
    private final class Body extends WritingPipe {

        /** Whether the frame last written ended the upstream's stream. */
        private boolean ending;

        Body() {
            super(ServletReply.this::fail);
        }

        @Override
        protected Action next() {
            while (!ending) {
                Stream.Data data = upstream.readData();
                if (data == null) {
                    upstream.demand();
                    return Action.IDLE;
                }
                ending = data.frame().isEndStream();
                if (data.frame().getByteBuffer().hasRemaining()) {
                    hold(data);
                    response.write(false, data.frame().getByteBuffer(), this);
                    return Action.SCHEDULED;
                }
                data.release();
            }
            complete();
            return Action.SUCCEEDED;
        }
    }
}

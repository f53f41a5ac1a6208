package io.legate.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

/**
 * A caller's stream forwarded frame by frame as one stream of the upstream session: the request HEADERS, then the
 * caller's DATA and trailers ({@link FramePipe}); the reply HEADERS, then the upstream's DATA and trailers. A reset
 * of either stream resets the other with the same error code; any other failure resets both.
 */
final class ForwardedStream implements Stream.Listener {

    private final Stream caller;
    /** The caller's body and trailers, or null when its HEADERS ended the request. */
    private final FramePipe request;
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile Stream upstream;
    private volatile FramePipe reply;

    private ForwardedStream(Stream caller, boolean bodyFollows) {
        this.caller = caller;
        this.request = bodyFollows ? new FramePipe(caller, this::fail) : null;
    }

    /** Opens the upstream stream for the caller's {@code head}; the listener of the caller's stream. */
    static Stream.Listener start(Stream caller, HeadersFrame head, UpstreamSession upstream) {
        ForwardedStream forwarded = new ForwardedStream(caller, !head.isEndStream());
        HeadersFrame headers = new HeadersFrame(upstream.head((MetaData.Request) head.getMetaData()), null,
                head.isEndStream());
        upstream.session().whenComplete((session, failure) -> {
            if (failure != null) {
                forwarded.fail(failure);
            } else {
                session.newStream(headers, Promise.from(forwarded::opened, forwarded::fail), forwarded.new Reply());
            }
        });
        return forwarded;
    }

    private void opened(Stream stream) {
        upstream = stream;
        if (failed.get()) {
            reset(stream, ErrorCode.CANCEL_STREAM_ERROR.code);
        } else if (request != null) {
            request.open(stream);
        }
    }

    @Override
    public void onDataAvailable(Stream stream) {
        // A request its HEADERS ended has nothing more to read.
        if (request != null) {
            request.iterate();
        }
    }

    @Override
    public void onHeaders(Stream stream, HeadersFrame frame) {
        request.trailers(frame);
    }

    @Override
    public void onReset(Stream stream, ResetFrame frame, Callback callback) {
        callback.succeeded();
        int error = frame.getError();
        end(error, new IOException("stream reset: " + ErrorCode.toString(error, "error " + error)));
    }

    @Override
    public void onFailure(Stream stream, int error, String reason, Throwable failure, Callback callback) {
        callback.succeeded();
        fail(failure);
    }

    private void fail(Throwable failure) {
        end(ErrorCode.CANCEL_STREAM_ERROR.code, failure);
    }

    /** Resets both streams once, whichever side failed first; the pipes release what they hold. */
    private void end(int error, Throwable failure) {
        if (!failed.compareAndSet(false, true)) {
            return;
        }
        reset(caller, error);
        Stream upstream = this.upstream;
        if (upstream != null) {
            reset(upstream, error);
        }
        if (request != null) {
            request.abort(failure);
        }
        FramePipe reply = this.reply;
        if (reply != null) {
            reply.abort(failure);
        }
    }

    private static void reset(Stream stream, int error) {
        if (!stream.isReset()) {
            stream.reset(new ResetFrame(stream.getId(), error), Callback.NOOP);
        }
    }

    /** The upstream stream's events: its reply goes to the caller's stream. */
    private final class Reply implements Stream.Listener {

        @Override
        public void onHeaders(Stream stream, HeadersFrame frame) {
            if (!frame.getMetaData().isResponse()) {
                reply.trailers(frame);
                return;
            }
            FramePipe pipe = new FramePipe(stream, ForwardedStream.this::fail);
            reply = pipe;
            boolean last = frame.isEndStream();
            caller.headers(new HeadersFrame(caller.getId(), frame.getMetaData(), null, last), Callback.from(() -> {
                if (!last) {
                    pipe.open(caller);
                }
            }, ForwardedStream.this::fail));
        }

        @Override
        public void onDataAvailable(Stream stream) {
            reply.iterate();
        }

        @Override
        public void onReset(Stream stream, ResetFrame frame, Callback callback) {
            ForwardedStream.this.onReset(stream, frame, callback);
        }

        @Override
        public void onFailure(Stream stream, int error, String reason, Throwable failure, Callback callback) {
            ForwardedStream.this.onFailure(stream, error, reason, failure, callback);
        }
    }
}

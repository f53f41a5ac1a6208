package io.legate.proxy;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import io.legate.metrics.RequestMeter;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * An upstream exchange as one stream of a pooled HTTP/2 session, its frames passed on as they come: the caller's
 * body as DATA frames once the upstream's flow control takes them, the upstream's DATA frames read one at a time,
 * the next once the caller took the last.
 *
 * <p>Jetty tells a stream's trailers as soon as they arrive, before DATA frames still queued were read: the end
 * waits until they all were.
 */
final class Http2Upstream implements UpstreamCall, Stream.Listener {

    private final UpstreamListener listener;
    private final Content.Source body;
    private final RequestMeter meter;
    private final AtomicInteger readers = new AtomicInteger();
    private volatile Stream stream;
    private Scheduler.Task deadline;
    private boolean writing;
    private boolean trailersSeen;
    private boolean endSeen;
    private HttpFields trailers;
    private boolean ended;

    private Http2Upstream(UpstreamListener listener, Content.Source body, RequestMeter meter) {
        this.listener = listener;
        this.body = body;
        this.meter = meter;
    }

    /**
     * @param body      the request body, or null for none
     * @param timeoutMs the whole exchange's timeout; 0 for none
     */
    static UpstreamCall send(CompletableFuture<Session> session, MetaData.Request head, Content.Source body,
                             long timeoutMs, long idleTimeoutMs, Scheduler scheduler, RequestMeter meter,
                             UpstreamListener listener) {
        Http2Upstream call = new Http2Upstream(listener, body, meter);
        if (timeoutMs > 0) {
            call.deadline(scheduler.schedule(() -> call.abort(new TimeoutException("no answer within " + timeoutMs
                    + " ms")), timeoutMs, TimeUnit.MILLISECONDS));
        }
        session.whenComplete((open, failure) -> {
            HeadersTooLarge tooLarge = failure == null ? UpstreamHeaderRoom.check(open, head, meter) : null;
            if (failure != null || tooLarge != null) {
                call.fail(failure != null ? failure : tooLarge);
            } else {
                open.newStream(new HeadersFrame(head, null, body == null), Promise.from(stream -> {
                    call.opened(stream, idleTimeoutMs);
                }, call::fail), call);
            }
        });
        return call;
    }

    private synchronized void deadline(Scheduler.Task task) {
        deadline = task;
    }

    private void opened(Stream stream, long idleTimeoutMs) {
        this.stream = stream;
        stream.setIdleTimeout(idleTimeoutMs);
        if (isEnded()) {
            reset(stream);
        } else if (body != null) {
            send();
        }
    }

    /** The caller's body, a chunk at a time: the next is read once the stream took the last. */
    private void send() {
        while (true) {
            Content.Chunk chunk = body.read();
            if (chunk == null) {
                body.demand(this::send);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                // Once the upstream's response ended, the call may end before its body was read to the end: a
                // failure read then is the end of the call, not the caller going away.
                if (CallerBody.callerGone(chunk) && !isEnded()) {
                    meter.callerGone();
                }
                abort(chunk.getFailure());
                return;
            }
            boolean last = chunk.isLast();
            if (!chunk.hasRemaining() && !last) {
                chunk.release();
                continue;
            }
            stream.data(new DataFrame(stream.getId(), chunk.getByteBuffer(), last), Callback.from(() -> {
                chunk.release();
                if (!last) {
                    body.demand(this::send);
                }
            }, failure -> chunk.release()));
            return;
        }
    }

    @Override
    public void onNewStream(Stream stream) {
        this.stream = stream;
    }

    @Override
    public void onHeaders(Stream stream, HeadersFrame frame) {
        MetaData metaData = frame.getMetaData();
        if (metaData instanceof MetaData.Response response) {
            if (response.getStatus() < 200) {
                stream.demand();
                return;
            }
            listener.onHeaders(response.getStatus(), response.getHttpFields());
            if (frame.isEndStream()) {
                end();
            } else {
                stream.demand();
            }
            return;
        }
        synchronized (this) {
            trailers = metaData.getHttpFields();
            trailersSeen = true;
            endSeen = true;
        }
        read();
    }

    @Override
    public void onDataAvailable(Stream stream) {
        read();
    }

    /** Reads on from one thread at a time, however many asked. */
    private void read() {
        if (readers.getAndIncrement() != 0) {
            return;
        }
        do {
            readNext();
        } while (readers.decrementAndGet() != 0);
    }

    private void readNext() {
        Stream stream = this.stream;
        while (true) {
            synchronized (this) {
                if (writing || ended) {
                    return;
                }
            }
            Stream.Data data = stream.readData();
            if (data == null) {
                if (trailersSeen()) {
                    end();
                } else {
                    stream.demand();
                }
                return;
            }
            DataFrame frame = data.frame();
            boolean last = frame.isEndStream();
            if (last) {
                synchronized (this) {
                    endSeen = true;
                }
            }
            ByteBuffer bytes = frame.getByteBuffer();
            if (bytes.hasRemaining()) {
                synchronized (this) {
                    writing = true;
                }
                listener.onData(bytes, Callback.from(() -> {
                    data.release();
                    synchronized (this) {
                        writing = false;
                    }
                    if (last) {
                        end();
                    } else {
                        read();
                    }
                }, failure -> {
                    data.release();
                    abort(failure);
                }));
                return;
            }
            data.release();
            if (last) {
                end();
                return;
            }
        }
    }

    private synchronized boolean trailersSeen() {
        return trailersSeen;
    }

    /**
     * Once the upstream's response has ended (END_STREAM seen), a reset of the stream is not a failure: an upstream
     * may reset it with NO_ERROR once it needs no more of the request (RFC 9113 §8.1). The end still waits for the
     * caller to take what was read.
     */
    @Override
    public void onReset(Stream stream, ResetFrame frame, Callback callback) {
        callback.succeeded();
        synchronized (this) {
            if (endSeen) {
                return;
            }
        }
        fail(new StreamReset(frame.getError()));
    }

    @Override
    public void onIdleTimeout(Stream stream, TimeoutException timeout, Promise<Boolean> reset) {
        reset.succeeded(true);
        fail(timeout);
    }

    @Override
    public void onFailure(Stream stream, int error, String reason, Throwable failure, Callback callback) {
        callback.succeeded();
        fail(failure);
    }

    @Override
    public void abort(Throwable cause) {
        Stream stream = this.stream;
        if (fail(cause) && stream != null) {
            reset(stream);
        }
    }

    private static void reset(Stream stream) {
        stream.reset(new ResetFrame(stream.getId(), ErrorCode.CANCEL_STREAM_ERROR.code), Callback.NOOP);
    }

    private void end() {
        HttpFields ending;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            ending = trailers;
            cancelDeadline();
        }
        listener.onEnd(ending);
    }

    /** Tells the failure, unless the exchange already ended (a reset after the end is not a failure). */
    private boolean fail(Throwable failure) {
        synchronized (this) {
            if (ended) {
                return false;
            }
            ended = true;
            cancelDeadline();
        }
        listener.onFailure(failure);
        return true;
    }

    private synchronized boolean isEnded() {
        return ended;
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
        }
    }
}

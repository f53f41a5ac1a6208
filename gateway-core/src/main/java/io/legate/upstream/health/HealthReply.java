package io.legate.upstream.health;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;

/**
 * The reply to one {@code Health/Check} call, read from its HTTP/2 stream: healthy when its {@code grpc-status} is 0
 * and its message says SERVING. When the check is abandoned before the reply ends, the stream is reset.
 */
final class HealthReply implements Stream.Listener {

    /** A HealthCheckResponse is a few bytes: a reply much larger is not one. */
    private static final int MAX_BODY_BYTES = 1024;
    private static final String[] SERVING_STATUSES = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};

    private final CompletableFuture<Void> result;
    private final ByteBuffer body = ByteBuffer.allocate(MAX_BODY_BYTES);
    private Stream stream;

    HealthReply(CompletableFuture<Void> result) {
        this.result = result;
        result.whenComplete((healthy, failure) -> reset());
    }

    synchronized void opened(Stream stream) {
        this.stream = stream;
        if (result.isDone()) {
            reset();
        }
    }

    private synchronized void reset() {
        if (stream != null && !stream.isClosed()) {
            stream.reset(new ResetFrame(stream.getId(), ErrorCode.CANCEL_STREAM_ERROR.code), Callback.NOOP);
        }
    }

    @Override
    public void onHeaders(Stream stream, HeadersFrame frame) {
        MetaData metaData = frame.getMetaData();
        if (metaData instanceof MetaData.Response response) {
            if (response.getStatus() != 200) {
                result.completeExceptionally(new CheckFailed("HTTP status " + response.getStatus()));
            } else if (frame.isEndStream()) {
                // Trailers-only: an error, whose status comes with the headers.
                ended(response.getHttpFields());
            } else {
                stream.demand();
            }
        } else {
            // Jetty may tell the trailers before the DATA frames queued ahead of them were read.
            read(stream);
            ended(metaData.getHttpFields());
        }
    }

    @Override
    public void onDataAvailable(Stream stream) {
        if (read(stream)) {
            result.completeExceptionally(new CheckFailed("the reply ended without a grpc-status"));
        } else if (!result.isDone()) {
            stream.demand();
        }
    }

    /** Reads what DATA has arrived; true when the stream ended with it. */
    private synchronized boolean read(Stream stream) {
        while (true) {
            Stream.Data data = stream.readData();
            if (data == null) {
                return false;
            }
            ByteBuffer bytes = data.frame().getByteBuffer();
            boolean last = data.frame().isEndStream();
            if (bytes.remaining() > body.remaining()) {
                result.completeExceptionally(new CheckFailed("a reply over " + MAX_BODY_BYTES
                        + " bytes is no HealthCheckResponse"));
            } else {
                body.put(bytes);
            }
            data.release();
            if (last) {
                return true;
            }
        }
    }

    private synchronized void ended(HttpFields trailers) {
        String grpcStatus = trailers.get("grpc-status");
        if (grpcStatus == null) {
            result.completeExceptionally(new CheckFailed("the reply ended without a grpc-status"));
        } else if (!grpcStatus.equals("0")) {
            String message = trailers.get("grpc-message");
            result.completeExceptionally(new CheckFailed("grpc-status " + grpcStatus
                    + (message == null ? "" : " (" + message + ")")));
        } else {
            servingStatus();
        }
    }

    private void servingStatus() {
        int status;
        try {
            status = HealthMessages.status(body.duplicate().flip());
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(new CheckFailed("no HealthCheckResponse: " + e.getMessage()));
            return;
        }
        if (status == HealthMessages.SERVING) {
            result.complete(null);
        } else {
            String name = status >= 0 && status < SERVING_STATUSES.length ? SERVING_STATUSES[status] : "status " + status;
            result.completeExceptionally(new CheckFailed(name));
        }
    }

    @Override
    public void onReset(Stream stream, ResetFrame frame, Callback callback) {
        result.completeExceptionally(new CheckFailed("the stream was reset: " + ErrorCode.toString(frame.getError(),
                "error " + frame.getError())));
        callback.succeeded();
    }

    @Override
    public void onFailure(Stream stream, int error, String reason, Throwable failure, Callback callback) {
        result.completeExceptionally(failure);
        callback.succeeded();
    }
}

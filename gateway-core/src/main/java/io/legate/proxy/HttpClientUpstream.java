package io.legate.proxy;

import java.nio.ByteBuffer;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;

/** An upstream exchange through Jetty's {@code HttpClient}: HTTP/1.1 upstreams, and HTTP/2 ones it pools. */
final class HttpClientUpstream implements UpstreamCall, Response.Listener {

    private final org.eclipse.jetty.client.Request request;
    private final UpstreamListener listener;
    private Content.Source body;

    private HttpClientUpstream(org.eclipse.jetty.client.Request request, UpstreamListener listener) {
        this.request = request;
        this.listener = listener;
    }

    static UpstreamCall send(org.eclipse.jetty.client.Request request, UpstreamListener listener) {
        HttpClientUpstream call = new HttpClientUpstream(request, listener);
        request.send(call);
        return call;
    }

    @Override
    public void abort(Throwable cause) {
        request.abort(cause);
    }

    @Override
    public void onHeaders(Response response) {
        listener.onHeaders(response.getStatus(), response.getHeaders());
    }

    @Override
    public void onContentSource(Response response, Content.Source source) {
        body = source;
        read();
    }

    /** Reads the next chunk once the listener is done with the last one. */
    private void read() {
        while (true) {
            Content.Chunk chunk = body.read();
            if (chunk == null) {
                body.demand(this::read);
                return;
            }
            if (Content.Chunk.isFailure(chunk) || chunk.isLast() && !chunk.hasRemaining()) {
                // The end, good or bad, is told by onComplete.
                chunk.release();
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            if (bytes.hasRemaining()) {
                boolean last = chunk.isLast();
                listener.onData(bytes, Callback.from(() -> {
                    chunk.release();
                    if (!last) {
                        body.demand(this::read);
                    }
                }, failure -> {
                    chunk.release();
                    request.abort(failure);
                }));
                return;
            }
            chunk.release();
        }
    }

    @Override
    public void onComplete(Result result) {
        // Once the response has ended, a later failure of the request side (a reset with NO_ERROR) is not the call's.
        if (result.getResponseFailure() == null) {
            listener.onEnd(result.getResponse().getTrailers());
        } else {
            listener.onFailure(result.getResponseFailure());
        }
    }
}

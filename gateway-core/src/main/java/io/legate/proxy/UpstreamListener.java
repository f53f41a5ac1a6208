package io.legate.proxy;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.util.Callback;

/**
 * What a call hears from its upstream, in this order: the response head, its body chunk by chunk, then exactly one
 * of its end or a failure. A failure after the end is not told: an upstream may reset a stream whose response it
 * ended once it needs no more of the request (RFC 9113 §8.1).
 */
interface UpstreamListener {

    void onHeaders(int status, HttpFields headers);

    /** A chunk of the body, valid until {@code done} is completed; the next one comes after that. */
    void onData(ByteBuffer bytes, Callback done);

    /** The response ended well, with these trailers (null: none). */
    void onEnd(HttpFields trailers);

    void onFailure(Throwable failure);
}

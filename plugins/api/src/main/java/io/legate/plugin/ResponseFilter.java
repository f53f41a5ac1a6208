package io.legate.plugin;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Sees and changes one response: the upstream's, or a reply the gateway makes itself (no route, upstream
 * unavailable, a filter's {@link Exchange#reply}). Registered with {@link Exchange#onResponse}; called by one
 * thread at a time, in the reverse order of registration, and may keep state between calls.
 */
public interface ResponseFilter {

    /** The status and headers, before they are sent: change them on {@code response}. */
    default void onHeaders(ResponseHead response) {
    }

    /**
     * The bytes to send for a chunk of the upstream's body: {@code chunk} itself, a new buffer, or an empty one to
     * hold everything back for now. {@code chunk} is only valid during the call: copy what must be kept. Not
     * called for the gateway's own replies.
     */
    default ByteBuffer onBody(ByteBuffer chunk) {
        return chunk;
    }

    /**
     * The end of a response that completed: the bytes to send before the end (possibly empty), given the trailers
     * about to be sent, which may be changed in place. The status and headers can still be changed when nothing
     * was sent yet ({@link ResponseHead#committed()} is false). Also called, with the gateway's status as the
     * trailers, when the gateway ends a started gRPC response itself (a deadline, an upstream that went away);
     * not called for the gateway's own replies, nor for other failed responses.
     */
    default ByteBuffer onEnd(ResponseHead response, Map<String, String> trailers) {
        return ByteBuffer.allocate(0);
    }
}

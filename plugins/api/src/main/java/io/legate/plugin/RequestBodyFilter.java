package io.legate.plugin;

import java.nio.ByteBuffer;

/**
 * Transforms a request body on its way upstream, chunk by chunk as the caller sends it; registered with
 * {@link Exchange#transformRequestBody}. It is called by one thread at a time and may keep state between chunks.
 */
@FunctionalInterface
public interface RequestBodyFilter {

    /**
     * The bytes to send upstream for {@code chunk}: {@code chunk} itself, a new buffer, or an empty one to hold
     * everything back for now. {@code chunk} is only valid during the call: copy what must be kept.
     *
     * @param last whether {@code chunk} ends the body (it may be empty)
     * @throws IllegalArgumentException when the body is malformed: the upstream request is cancelled and the
     *                                  caller answered 400 with the exception's message
     */
    ByteBuffer onBody(ByteBuffer chunk, boolean last);
}

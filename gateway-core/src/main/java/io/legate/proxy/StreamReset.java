package io.legate.proxy;

import java.io.IOException;
import org.eclipse.jetty.http2.ErrorCode;

/** The upstream reset the call's stream before it ended its response. */
final class StreamReset extends IOException {

    private final int error;

    StreamReset(int error) {
        super("upstream reset the stream: " + ErrorCode.toString(error, "error " + error));
        this.error = error;
    }

    /** Whether the upstream refused the stream unprocessed (REFUSED_STREAM): safe to send again. */
    boolean refused() {
        return error == ErrorCode.REFUSED_STREAM_ERROR.code;
    }
}

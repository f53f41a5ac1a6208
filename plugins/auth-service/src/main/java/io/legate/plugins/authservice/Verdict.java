package io.legate.plugins.authservice;

import java.nio.ByteBuffer;
import java.util.Map;

/** The authorization service's decision on one request. */
sealed interface Verdict {

    /** The request goes on, with {@code upstreamHeaders} set on it (a null value removes the header). */
    record Allowed(Map<String, String> upstreamHeaders) implements Verdict {
    }

    /**
     * The caller is answered instead: an HTTP caller with {@code status}, {@code headers} and {@code body}; a gRPC
     * caller with a trailers-only reply of {@code grpcStatus}, or, when it is null, the gRPC status of
     * {@code status}, and {@code message}.
     */
    record Denied(int status, Map<String, String> headers, ByteBuffer body, Integer grpcStatus, String message)
            implements Verdict {
    }
}

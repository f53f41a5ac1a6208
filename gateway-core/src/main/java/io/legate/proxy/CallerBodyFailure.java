package io.legate.proxy;

import java.io.IOException;

/**
 * The caller's request body failed while the call forwarded it (the caller went away, or sent a body its
 * connection could not read): the failure is the caller's, never the upstream's, though the upstream exchange it
 * breaks off reports it.
 */
final class CallerBodyFailure extends IOException {

    CallerBodyFailure(Throwable cause) {
        super("the caller's request failed: " + UpstreamFailures.rootCause(cause), cause);
    }

    /** The failure among {@code failure} and its causes, or null. */
    static CallerBodyFailure in(Throwable failure) {
        return (CallerBodyFailure) UpstreamFailures.cause(failure, CallerBodyFailure.class::isInstance);
    }
}

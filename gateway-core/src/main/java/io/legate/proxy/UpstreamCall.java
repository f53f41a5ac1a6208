package io.legate.proxy;

/** A request on its way to the upstream, whichever client carries it. */
interface UpstreamCall {

    /** Gives up on the exchange (the caller went away, or a plugin failed); the listener hears a failure. */
    void abort(Throwable cause);
}

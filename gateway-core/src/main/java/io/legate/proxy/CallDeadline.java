package io.legate.proxy;

import java.util.concurrent.TimeUnit;

/**
 * A call's timeout and when its upstream exchange started.
 *
 * @param timeoutMs the route's timeout or the caller's {@code grpc-timeout}, the shorter; 0 for none
 */
record CallDeadline(long timeoutMs, long startedNanos) {

    static CallDeadline startingNow(long timeoutMs) {
        return new CallDeadline(timeoutMs, System.nanoTime());
    }

    /**
     * The caller's {@code grpc-timeout} travels upstream too, and the upstream may give up (reset the stream) a
     * moment before the gateway's own timer fires: past the deadline, any failure is the deadline's.
     */
    boolean passed() {
        return timeoutMs > 0 && System.nanoTime() - startedNanos >= TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }
}

package io.legate.upstream;

import io.legate.routing.CircuitBreakers;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The circuit breakers of one upstream: calls in flight, calls waiting for a connection, retries in flight. A call
 * over a limit is refused at once rather than queued.
 */
final class Breakers {

    private final CircuitBreakers limits;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

    Breakers(CircuitBreakers limits) {
        this.limits = limits;
    }

    /** Counts a call in, or says which limit refuses it. */
    String admitRequest() {
        return admit(requests, limits.maxRequests(), "max_requests");
    }

    void requestEnded() {
        release(requests, limits.maxRequests());
    }

    String admitPending() {
        return admit(pending, limits.maxPendingRequests(), "max_pending_requests");
    }

    void pendingEnded() {
        release(pending, limits.maxPendingRequests());
    }

    String admitRetry() {
        return admit(retries, limits.maxRetries(), "max_retries");
    }

    void retryEnded() {
        release(retries, limits.maxRetries());
    }

    int maxConnections() {
        return limits.maxConnections();
    }

    int maxPendingRequests() {
        return limits.maxPendingRequests();
    }

    private static String admit(AtomicInteger counter, int limit, String name) {
        if (limit == Integer.MAX_VALUE) {
            return null;
        }
        if (counter.incrementAndGet() > limit) {
            counter.decrementAndGet();
            return "circuit breaker " + name + " (" + limit + ") reached";
        }
        return null;
    }

    /** Unlimited counts are not kept: a call without breakers pays nothing for them. */
    private static void release(AtomicInteger counter, int limit) {
        if (limit != Integer.MAX_VALUE) {
            counter.decrementAndGet();
        }
    }
}

package io.legate.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests whose reply has not ended, and whether one more is over {@code limits.max_requests_in_flight}.
 * Without a limit the count is a LongAdder, read only when scraped; with one, every request must see the exact
 * count, which one shared atomic gives.
 */
final class RequestsInFlight {

    private final int max;
    private final LongAdder unlimited = new LongAdder();
    private final AtomicInteger limited = new AtomicInteger();

    /** @param max requests served at once, 0 for no limit */
    RequestsInFlight(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max_requests_in_flight: " + max + " (expected: >= 0)");
        }
        this.max = max;
    }

    /**
     * Counts a request in; false when it is over the limit. A refused request is counted too until its reply
     * ends, as it is being answered.
     */
    boolean enter() {
        if (max == 0) {
            unlimited.increment();
            return true;
        }
        return limited.incrementAndGet() <= max;
    }

    void leave() {
        if (max == 0) {
            unlimited.decrement();
        } else {
            limited.decrementAndGet();
        }
    }

    long count() {
        return max == 0 ? unlimited.sum() : limited.get();
    }
}

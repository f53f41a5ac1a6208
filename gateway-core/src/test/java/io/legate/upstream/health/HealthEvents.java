package io.legate.upstream.health;

import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a {@link HealthWatch} tells its listener, kept in order for a test to wait on. */
final class HealthEvents implements HealthListener {

    /** A check that ended: {@code failure} is null when it passed. */
    record Check(InetSocketAddress endpoint, Throwable failure) {
    }

    /** A change of an endpoint's health. */
    record Change(InetSocketAddress endpoint, boolean healthy) {
    }

    private final BlockingQueue<Check> checks = new LinkedBlockingQueue<>();
    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();

    @Override
    public void checked(InetSocketAddress endpoint, Throwable failure) {
        checks.add(new Check(endpoint, failure));
    }

    @Override
    public void changed(InetSocketAddress endpoint, boolean healthy) {
        changes.add(new Change(endpoint, healthy));
    }

    /** Forgets what was told so far. */
    void clear() {
        checks.clear();
        changes.clear();
    }

    /** The next check to end, or null when none ends within {@code withinMs}. */
    Check nextCheck(long withinMs) throws InterruptedException {
        return checks.poll(withinMs, TimeUnit.MILLISECONDS);
    }

    /** Why the next failed check failed (passed checks skipped), or null when none fails within {@code withinMs}. */
    Throwable nextFailure(long withinMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMs);
        Check check;
        do {
            check = checks.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } while (check != null && check.failure() == null);
        return check == null ? null : check.failure();
    }

    /** The next change, or null when there is none within {@code withinMs}. */
    Change nextChange(long withinMs) throws InterruptedException {
        return changes.poll(withinMs, TimeUnit.MILLISECONDS);
    }
}

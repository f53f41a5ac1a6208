package io.legate.upstream;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One address an upstream's calls go to, and what the gateway learned of it from those calls: how many are in
 * flight, and whether it keeps failing. An endpoint whose calls failed to connect or were reset
 * {@value #EJECT_AFTER} times in a row is taken out of rotation for 30 s, twice as long each time it is taken out
 * again without a success between.
 */
public final class Endpoint {

    static final int EJECT_AFTER = 5;
    private static final long EJECTION_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_DOUBLINGS = 5;

    private final InetSocketAddress address;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder calls = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder ejections = new LongAdder();
    private volatile int failuresInARow;
    private volatile int ejectionsInARow;
    private volatile long ejectedUntilNanos;
    private volatile boolean ejected;

    Endpoint(InetSocketAddress address) {
        this.address = address;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** A call starts on this endpoint; it must end with {@link #ended}, after {@link #answered} or {@link #failed}. */
    public void started() {
        inFlight.incrementAndGet();
        calls.increment();
    }

    /** The call's upstream answered (whatever its status): the endpoint is reachable. */
    public void answered() {
        if (failuresInARow != 0 || ejectionsInARow != 0) {
            synchronized (this) {
                failuresInARow = 0;
                ejectionsInARow = 0;
            }
        }
    }

    /**
     * The call failed before its upstream answered.
     *
     * @param unreachable whether it could not connect or was reset: what takes an endpoint out of rotation. A
     *                    timeout or a refused header block says nothing of the endpoint's health
     */
    public void failed(boolean unreachable) {
        failures.increment();
        if (!unreachable) {
            return;
        }
        synchronized (this) {
            if (++failuresInARow >= EJECT_AFTER) {
                failuresInARow = 0;
                ejectedUntilNanos = System.nanoTime() + (EJECTION_NANOS << Math.min(ejectionsInARow, MAX_DOUBLINGS));
                ejected = true;
                ejectionsInARow++;
                ejections.increment();
            }
        }
    }

    /** The call is over on this endpoint. */
    public void ended() {
        inFlight.decrementAndGet();
    }

    /** Whether the endpoint is out of rotation for failing: until its ejection ends. */
    public boolean ejected(long nowNanos) {
        if (ejected && nowNanos - ejectedUntilNanos >= 0) {
            ejected = false;
        }
        return ejected;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long calls() {
        return calls.sum();
    }

    public long failures() {
        return failures.sum();
    }

    public long ejections() {
        return ejections.sum();
    }

    @Override
    public String toString() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}

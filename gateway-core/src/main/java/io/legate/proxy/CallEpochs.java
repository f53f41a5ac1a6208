package io.legate.proxy;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts the calls in flight per configuration epoch, so that what a replaced configuration used (its upstream
 * clients) is released once the calls that may still use it have ended. The epoch advances with each configuration
 * served; a call belongs to the epoch current when it arrived, and reads the configuration after that, so it never
 * uses one older than its epoch. When the last call of a superseded epoch ends, {@code drained} is told the oldest
 * epoch that still has calls in flight (or the current one).
 */
public final class CallEpochs extends Handler.Wrapper {

    private final LongConsumer drained;
    private final ConcurrentLinkedDeque<Epoch> superseded = new ConcurrentLinkedDeque<>();
    private volatile Epoch current = new Epoch(0);

    private record Epoch(long number, AtomicInteger calls) {
        Epoch(long number) {
            this(number, new AtomicInteger());
        }
    }

    public CallEpochs(Handler handler, LongConsumer drained) {
        super(handler);
        this.drained = drained;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Epoch epoch = enter();
        Callback counted = Callback.from(callback, () -> exit(epoch));
        boolean handled;
        try {
            handled = super.handle(request, response, counted);
        } catch (Throwable e) {
            exit(epoch);
            throw e;
        }
        if (!handled) {
            exit(epoch);
        }
        return handled;
    }

    /** The number {@link #advance()} gives the next epoch. */
    public long next() {
        return current.number() + 1;
    }

    /** Starts the next epoch; call it once the new configuration serves. */
    public synchronized void advance() {
        Epoch previous = current;
        current = new Epoch(previous.number() + 1);
        superseded.add(previous);
    }

    /** The oldest epoch that still has calls in flight, or the current one. */
    public long oldestInFlight() {
        for (Iterator<Epoch> it = superseded.iterator(); it.hasNext(); ) {
            Epoch epoch = it.next();
            if (epoch.calls().get() > 0) {
                return epoch.number();
            }
            it.remove();
        }
        return current.number();
    }

    private Epoch enter() {
        while (true) {
            Epoch epoch = current;
            epoch.calls().incrementAndGet();
            // Counted only if still current: a superseded epoch may already have been found drained.
            if (epoch == current) {
                return epoch;
            }
            exit(epoch);
        }
    }

    private void exit(Epoch epoch) {
        if (epoch.calls().decrementAndGet() == 0 && epoch != current) {
            drained.accept(oldestInFlight());
        }
    }
}

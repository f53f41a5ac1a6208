package io.legate.proxy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The snapshot serving now, and the replaced ones that calls in flight still use. Each call is served by the
 * snapshot current when it arrived, to its end ({@link #served}), and counted with it: so what a replaced snapshot
 * used (its upstream clients) can be released once its last call ended, while a call that outlives many
 * replacements (a long gRPC stream) holds on to its own snapshot only.
 */
public final class InFlightSnapshots extends Handler.Wrapper {

    private final Consumer<List<ServedSnapshot>> inUseChanged;
    private final ConcurrentLinkedDeque<Counted> replaced = new ConcurrentLinkedDeque<>();
    private volatile Counted current;

    private record Counted(ServedSnapshot served, AtomicInteger calls) {
        Counted(ServedSnapshot served) {
            this(served, new AtomicInteger());
        }
    }

    /**
     * @param inUseChanged told the snapshots in use ({@link #inUse()}) when a new one serves and when the last call
     *                     of a replaced one has ended; while it runs, no snapshot starts serving, so a call can only
     *                     be served by one of those it is told
     */
    public InFlightSnapshots(Handler handler, ServedSnapshot initial, Consumer<List<ServedSnapshot>> inUseChanged) {
        super(handler);
        this.current = new Counted(initial);
        this.inUseChanged = inUseChanged;
    }

    /**
     * The request as the handlers after this one see it, carrying the snapshot that serves it. A wrapper rather than
     * a request attribute: the first attribute costs every request a map of its own, looked up again when the
     * request ends.
     */
    private static final class Served extends Request.Wrapper {
        private final ServedSnapshot snapshot;

        Served(Request request, ServedSnapshot snapshot) {
            super(request);
            this.snapshot = snapshot;
        }
    }

    /** The snapshot serving {@code request}; set for every request that went through this handler. */
    public static ServedSnapshot served(HttpServletRequest request) {
        return Request.as(ServletContextRequest.getServletContextRequest(request), Served.class).snapshot;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Counted counted = enter();
        boolean handled;
        try {
            handled = super.handle(new Served(request, counted.served()), response,
                    Callback.from(callback, () -> exit(counted)));
        } catch (Throwable e) {
            exit(counted);
            throw e;
        }
        if (!handled) {
            exit(counted);
        }
        return handled;
    }

    public ServedSnapshot current() {
        return current.served();
    }

    /** Serves {@code next} to the calls that arrive from now on. */
    public synchronized void advance(ServedSnapshot next) {
        replaced.add(current);
        current = new Counted(next);
        inUseChanged.accept(inUse());
    }

    private synchronized void drained() {
        inUseChanged.accept(inUse());
    }

    /** The snapshot serving now, then the replaced ones that calls in flight still use. */
    public List<ServedSnapshot> inUse() {
        List<ServedSnapshot> inUse = new ArrayList<>();
        inUse.add(current.served());
        for (Iterator<Counted> it = replaced.iterator(); it.hasNext(); ) {
            Counted snapshot = it.next();
            if (snapshot.calls().get() > 0) {
                inUse.add(snapshot.served());
            } else {
                // A replaced snapshot gains no call any more (see enter), so once drained it is forgotten.
                it.remove();
            }
        }
        return inUse;
    }

    private Counted enter() {
        while (true) {
            Counted snapshot = current;
            snapshot.calls().incrementAndGet();
            // Kept only if still current: a replaced snapshot may already have been found drained.
            if (snapshot == current) {
                return snapshot;
            }
            exit(snapshot);
        }
    }

    private void exit(Counted snapshot) {
        if (snapshot.calls().decrementAndGet() == 0 && snapshot != current) {
            drained();
        }
    }
}

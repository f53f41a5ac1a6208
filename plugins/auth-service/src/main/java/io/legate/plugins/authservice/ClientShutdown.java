package io.legate.plugins.authservice;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a client once it was closed and the checks it had in flight ended, so that none of them fails for it. */
final class ClientShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(ClientShutdown.class);

    /** A client's stop, which may throw. */
    @FunctionalInterface
    interface Stop {
        void run() throws Exception;
    }

    private final Stop stop;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean closed;

    ClientShutdown(Stop stop) {
        this.stop = stop;
    }

    <T> CompletionStage<T> track(CompletableFuture<T> check) {
        inFlight.incrementAndGet();
        return check.whenComplete((result, failure) -> {
            if (inFlight.decrementAndGet() == 0 && closed) {
                stopOnce();
            }
        });
    }

    void close() {
        closed = true;
        if (inFlight.get() == 0) {
            stopOnce();
        }
    }

    private void stopOnce() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        // Not on the thread that closes it or completed the last check, which may be one of the client's own:
        // stopping waits for those threads to end.
        Thread stopping = new Thread(() -> {
            try {
                stop.run();
            } catch (Exception e) {
                LOG.warn("the auth_service client did not stop cleanly", e);
            }
        }, "auth-service-client-stop");
        stopping.setDaemon(true);
        stopping.start();
    }

    boolean stopped() {
        return stopped.get();
    }
}

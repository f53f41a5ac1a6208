package io.legate.upstream.health;

import io.legate.routing.HealthCheck;
import java.net.InetSocketAddress;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.util.thread.Scheduler;

/** One endpoint's checks, one at a time, and the health their run of passes or failures says. */
final class EndpointHealth {

    private final InetSocketAddress endpoint;
    private final HealthCheck settings;
    private final Probe probe;
    private final Scheduler scheduler;
    private final HealthListener listener;
    private volatile boolean healthy = true;
    // Guarded by this.
    private int passesInARow;
    private int failuresInARow;
    private boolean stopped;
    private Scheduler.Task next;
    private CompletableFuture<Void> checking;

    EndpointHealth(InetSocketAddress endpoint, HealthCheck settings, Probe probe, Scheduler scheduler,
                   HealthListener listener) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.probe = probe;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    boolean healthy() {
        return healthy;
    }

    void start() {
        scheduler.schedule(this::check, 0, TimeUnit.MILLISECONDS);
    }

    private void check() {
        CompletableFuture<Void> check;
        synchronized (this) {
            if (stopped) {
                return;
            }
            check = probe.check(endpoint);
            checking = check;
        }
        long timeoutMs = settings.timeoutMs();
        Scheduler.Task timeout = scheduler.schedule(() -> check.completeExceptionally(
                new TimeoutException("no answer within " + timeoutMs + " ms")), timeoutMs, TimeUnit.MILLISECONDS);
        check.whenComplete((passed, failure) -> {
            timeout.cancel();
            ended(failure);
        });
    }

    private void ended(Throwable failure) {
        boolean changed;
        synchronized (this) {
            if (stopped) {
                return;
            }
            checking = null;
            if (failure == null) {
                passesInARow++;
                failuresInARow = 0;
                changed = !healthy && passesInARow >= settings.healthyThreshold();
            } else {
                failuresInARow++;
                passesInARow = 0;
                changed = healthy && failuresInARow >= settings.unhealthyThreshold();
            }
            if (changed) {
                healthy = !healthy;
            }
            next = scheduler.schedule(this::check, settings.intervalMs(), TimeUnit.MILLISECONDS);
        }
        listener.checked(endpoint, failure);
        if (changed) {
            listener.changed(endpoint, failure == null);
        }
    }

    /** No more checks: the one in flight, if any, is abandoned. */
    void stop() {
        CompletableFuture<Void> abandoned;
        synchronized (this) {
            stopped = true;
            if (next != null) {
                next.cancel();
            }
            abandoned = checking;
        }
        if (abandoned != null) {
            abandoned.completeExceptionally(new CancellationException("no longer watched"));
        }
    }
}

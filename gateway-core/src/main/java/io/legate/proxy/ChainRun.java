package io.legate.proxy;

import io.legate.plugin.Chain;
import io.legate.pluginhost.FilterChain;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's walk down the filter chain, which holds each filter to its contract: proceed, reply, or suspend
 * and later do one of the two, exactly once and in time. The walk ends exactly once, with the first of: the end of
 * the chain reached, a filter's reply, a broken contract (which names the plugin, even if the plugin caught what
 * was thrown at it).
 */
final class ChainRun {

    private static final Logger LOG = LoggerFactory.getLogger(ChainRun.class);

    /** How the walk ended; exactly one of these is called, once. */
    interface Outcome {
        void proceeded();

        void replied();

        void failed(PluginFailure failure);
    }

    private final List<FilterChain.Link> links;
    private final CallExchange exchange;
    private final Scheduler scheduler;
    private final Outcome outcome;
    private int walking;
    private Runnable pending;
    private boolean pendingFailure;
    private boolean ended;

    ChainRun(FilterChain chain, CallExchange exchange, Scheduler scheduler, Outcome outcome) {
        this.links = chain.links();
        this.exchange = exchange;
        this.scheduler = scheduler;
        this.outcome = outcome;
    }

    void start() {
        walk(() -> invoke(0));
    }

    /**
     * Runs filters on this thread. How the walk ends is told once they all returned, so that a rule a filter breaks
     * after the end was reached (proceeding twice, replying after proceeding) still fails the request.
     */
    private void walk(Runnable filters) {
        synchronized (this) {
            walking++;
        }
        Runnable how;
        try {
            filters.run();
        } finally {
            synchronized (this) {
                how = --walking == 0 && !ended ? pending : null;
                if (how != null) {
                    ended = true;
                    pending = null;
                }
            }
        }
        if (how != null) {
            how.run();
        }
    }

    private void invoke(int index) {
        if (index == links.size()) {
            exchange.forwarding();
            end(null, outcome::proceeded);
            return;
        }
        FilterChain.Link link = links.get(index);
        Step step = new Step(index);
        Step previous = exchange.enter(step);
        try {
            link.filter().filter(exchange, step);
        } catch (PluginFailure e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(PluginFailure.thrown(link.plugin(), "its filter", e));
        } finally {
            exchange.enter(previous);
        }
        step.returned();
    }

    private void fail(PluginFailure failure) {
        end(failure, () -> outcome.failed(failure));
    }

    /** Ends the walk with {@code how}, at once or when the filters running now returned; a failure wins. */
    private void end(PluginFailure failure, Runnable how) {
        synchronized (this) {
            if (ended || walking > 0 && pendingFailure) {
                if (failure != null) {
                    LOG.error("{} (after the request had been answered or sent on)", failure.getMessage());
                }
                return;
            }
            if (walking > 0) {
                if (pending == null || failure != null) {
                    pending = how;
                    pendingFailure = failure != null;
                }
                return;
            }
            ended = true;
        }
        how.run();
    }

    /** One filter's part: running, suspended, or done (proceeded, replied, or out of time). */
    final class Step implements Chain {
        private final int index;
        private boolean running = true;
        private boolean suspended;
        private boolean done;
        private Scheduler.Task timer;

        Step(int index) {
            this.index = index;
        }

        String plugin() {
            return links.get(index).plugin();
        }

        @Override
        public void proceed() {
            boolean resumed;
            synchronized (this) {
                if (done) {
                    throw broken(exchange.replied() ? "continued the chain after replying" : "called proceed() twice");
                }
                done = true;
                resumed = !running;
                cancelTimer();
            }
            if (exchange.replied()) {
                throw broken("continued the chain after replying");
            }
            if (resumed) {
                exchange.suspendedAt(null);
                walk(() -> {
                    Step previous = exchange.enter(this);
                    try {
                        invoke(index + 1);
                    } finally {
                        exchange.enter(previous);
                    }
                });
            } else {
                invoke(index + 1);
            }
        }

        @Override
        public void suspend(Duration maxWait) {
            if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
                throw new IllegalArgumentException("maxWait: " + maxWait + " (expected: > 0)");
            }
            synchronized (this) {
                if (!running || done || suspended) {
                    throw broken(done ? "suspended the chain after ending its part" : "suspended the chain twice");
                }
                suspended = true;
                exchange.suspendedAt(this);
                timer = scheduler.schedule(() -> timedOut(maxWait), maxWait.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /** The filter replied: the walk ends there, now or once the filter returns. */
        void replied() {
            boolean resumed;
            synchronized (this) {
                done = true;
                resumed = !running;
                cancelTimer();
            }
            if (resumed) {
                exchange.suspendedAt(null);
                end(null, outcome::replied);
            }
        }

        /** The filter returned: it must have proceeded, replied or suspended by now. */
        void returned() {
            boolean finished;
            synchronized (this) {
                running = false;
                if (suspended && !done) {
                    return;
                }
                finished = done;
            }
            if (!finished) {
                fail(PluginFailure.contract(plugin(), "returned without proceeding, replying or suspending"));
            } else if (exchange.replied()) {
                end(null, outcome::replied);
            }
        }

        private void timedOut(Duration maxWait) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            fail(PluginFailure.contract(plugin(), "did not resume the suspended chain within " + maxWait.toMillis()
                    + " ms"));
        }

        private void cancelTimer() {
            if (timer != null) {
                timer.cancel();
            }
        }

        /** Fails the walk for a broken rule, even if the plugin catches what is thrown at it. */
        PluginFailure broken(String what) {
            PluginFailure failure = PluginFailure.contract(plugin(), what);
            fail(failure);
            return failure;
        }
    }
}

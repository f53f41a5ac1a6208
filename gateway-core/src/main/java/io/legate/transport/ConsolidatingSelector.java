package io.legate.transport;

import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.concurrent.Executor;

/**
 * A selector whose read pass is its whole round: every connection that {@code select()} found ready is served on
 * the selector's thread, and what they all wrote leaves before it selects again. With calls balanced over three
 * upstream connections, the replies that one round brings back on the three leave to a caller in one write, not
 * in one per upstream connection.
 *
 * <p>The round may only hold writes because the selector's thread never blocks in it: Jetty runs a task there only
 * when the task says it will not block, and hands a blocking one to another thread, whole, in a pass of its own.
 */
final class ConsolidatingSelector extends ManagedSelector {

    ConsolidatingSelector(SelectorManager manager, int id) {
        super(manager, id);
    }

    /**
     * The executor for a selector manager whose selectors are these. It is not a {@code TryExecutor}, so a
     * selector never lends its production to another thread and goes on running the tasks of its round itself;
     * and a thread that leaves the selector's loop ends the round it had started.
     */
    static Executor executor(Executor threads) {
        return task -> threads.execute(() -> {
            try {
                task.run();
            } finally {
                ReadPass.endRound();
            }
        });
    }

    @Override
    protected int select(Selector selector) throws IOException {
        // Nothing waits while the thread sleeps in the selector.
        ReadPass.endRound();
        int selected = super.select(selector);
        ReadPass.startRound();
        return selected;
    }
}

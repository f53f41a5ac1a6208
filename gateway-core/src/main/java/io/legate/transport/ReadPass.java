package io.legate.transport;

import org.eclipse.jetty.util.IO;
import org.eclipse.jetty.util.thread.Invocable;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;

/**
 * The read pass a thread is running: the task the selector hands out when a connection is readable, from its first
 * {@code fill()} until the task returns. Everything a pass writes (the answers to the frames it read, the frames it
 * forwards to the other side, on any connection) is held by the connections it wrote to and goes out once the pass
 * has read all there was: one gathering write per connection instead of one per frame.
 */
final class ReadPass {

    private static final ThreadLocal<ReadPass> PASSES = ThreadLocal.withInitial(ReadPass::new);

    private final List<ConsolidatingEndPoint> dirtied = new ArrayList<>(4);
    private boolean running;

    private ReadPass() {
    }

    /** The pass this thread is running, or null when it runs none. */
    static ReadPass current() {
        ReadPass pass = PASSES.get();
        return pass.running ? pass : null;
    }

    /** Writes out what this thread's pass holds, if it runs one. */
    static void flushCurrent() {
        ReadPass pass = current();
        if (pass != null) {
            pass.flush();
        }
    }

    /**
     * {@code task} run as a read pass. Its invocation type is kept: the selector decides by it whether the task may
     * run on the selecting thread.
     */
    static Runnable around(Runnable task) {
        return task == null ? null : new Task(task);
    }

    void dirtied(ConsolidatingEndPoint endPoint) {
        if (!dirtied.contains(endPoint)) {
            dirtied.add(endPoint);
        }
    }

    private void flush() {
        // A write's completion may run callbacks that write again on this thread, dirtying the list while it drains.
        while (!dirtied.isEmpty()) {
            dirtied.remove(dirtied.size() - 1).flushCopied();
        }
    }

    private void run(Runnable task) {
        if (running) {
            // A task run inside another one is part of the outer pass, which flushes when it ends.
            task.run();
            return;
        }
        running = true;
        try {
            task.run();
        } finally {
            try {
                flush();
            } finally {
                running = false;
            }
        }
    }

    /** Closeable as the task it wraps: the selector closes a task it could not run, and so the connection. */
    private record Task(Runnable task) implements Invocable.Task, Closeable {
        @Override
        public void run() {
            PASSES.get().run(task);
        }

        @Override
        public InvocationType getInvocationType() {
            return Invocable.getInvocationType(task);
        }

        @Override
        public void close() {
            if (task instanceof Closeable closeable) {
                IO.close(closeable);
            }
        }

        @Override
        public String toString() {
            return "ReadPass[" + task + "]";
        }
    }
}

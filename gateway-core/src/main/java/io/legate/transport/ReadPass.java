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
 *
 * <p>On a selector's own thread the pass is the selector's round instead ({@link ConsolidatingSelector}): it starts
 * when {@code select()} wakes up and ends before the next one, so the connections found ready together, served one
 * after the other on that thread, write together too.
 */
final class ReadPass {

    private static final ThreadLocal<ReadPass> PASSES = ThreadLocal.withInitial(ReadPass::new);

    /** Writes held by sockets: they go out when a read finds nothing more, or when the pass ends. */
    private final List<HeldWrites> held = new ArrayList<>(4);
    /**
     * Writes held above TLS: they go out only when the pass ends. A read of a TLS connection holds its lock while
     * it reads the socket, and writing another TLS connection there could deadlock with a pass that reads that one.
     */
    private final List<HeldWrites> heldAboveTls = new ArrayList<>(4);
    private boolean running;
    /** Whether this pass is a selector's round, which ends at the next select rather than with a task or a read. */
    private boolean round;

    private ReadPass() {
    }

    /** The pass this thread is running, or null when it runs none. */
    static ReadPass current() {
        ReadPass pass = PASSES.get();
        return pass.running ? pass : null;
    }

    /**
     * A read found nothing more: what this thread's pass holds answers everything read so far, and goes out unless
     * the pass is a round, which serves other connections first.
     */
    static void drained() {
        ReadPass pass = current();
        if (pass != null && !pass.round) {
            pass.writeSockets();
        }
    }

    /** The calling thread's pass becomes a round: tasks run until {@link #endRound()} join it. */
    static void startRound() {
        ReadPass pass = PASSES.get();
        pass.running = true;
        pass.round = true;
    }

    /** Writes out what the calling thread's round holds and ends it; nothing when it runs no round. */
    static void endRound() {
        ReadPass pass = PASSES.get();
        if (pass.round) {
            try {
                pass.flush();
            } finally {
                pass.running = false;
                pass.round = false;
            }
        }
    }

    /**
     * {@code task} run as a read pass. Its invocation type is kept: the selector decides by it whether the task may
     * run on the selecting thread.
     */
    static Runnable around(Runnable task) {
        return task == null ? null : new Task(task);
    }

    /** {@code writes} hold bytes copied in this pass. */
    void held(HeldWrites writes) {
        List<HeldWrites> list = writes.aboveTls() ? heldAboveTls : held;
        if (!list.contains(writes)) {
            list.add(writes);
        }
    }

    private void writeSockets() {
        // A write's completion may run callbacks that write again on this thread, adding to the list while it drains.
        while (!held.isEmpty()) {
            held.remove(held.size() - 1).writeCopied();
        }
    }

    private void flush() {
        // What a TLS connection encrypts as it writes is then held by the socket under it.
        while (!heldAboveTls.isEmpty() || !held.isEmpty()) {
            List<HeldWrites> list = heldAboveTls.isEmpty() ? held : heldAboveTls;
            list.remove(list.size() - 1).writeCopied();
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

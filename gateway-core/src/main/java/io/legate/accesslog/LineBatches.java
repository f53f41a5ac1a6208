package io.legate.accesslog;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The queue between the calls and Jetty's {@code AsyncRequestLogWriter}, holding lines in batches. Jetty's writer
 * flushes the file after each item it takes from its queue: with one line an item, that is a system call (and a
 * wake-up of its thread) per call. Here its thread takes every line logged since it last took, joined, and writes
 * them with one. The queue itself only holds a marker that there are lines; the lines wait in {@link #pending}, at
 * most {@code maxChars} of them: past that the writer is behind, and a line offered is refused (Jetty drops it with
 * a warning) rather than holding the call or growing without bound.
 */
final class LineBatches extends LinkedBlockingQueue<String> {

    private static final String LINES_WAITING = "";

    private final int maxChars;
    private final StringBuilder pending = new StringBuilder();

    LineBatches(int maxChars) {
        super(1);
        this.maxChars = maxChars;
    }

    @Override
    public boolean offer(String line) {
        synchronized (pending) {
            if (pending.length() + line.length() >= maxChars) {
                return false;
            }
            if (!pending.isEmpty()) {
                pending.append(System.lineSeparator());
            }
            pending.append(line);
        }
        // Refused when a marker waits already: the writer takes this line with the others.
        super.offer(LINES_WAITING);
        return true;
    }

    @Override
    public String poll(long timeout, TimeUnit unit) throws InterruptedException {
        return super.poll(timeout, unit) == null ? null : batch();
    }

    @Override
    public String poll() {
        return super.poll() == null ? null : batch();
    }

    /** Whether no line waits; Jetty's writer takes again while there are. */
    @Override
    public boolean isEmpty() {
        synchronized (pending) {
            return pending.isEmpty();
        }
    }

    /** Every line waiting, joined; null when a batch taken earlier took them already. */
    private String batch() {
        synchronized (pending) {
            if (pending.isEmpty()) {
                return null;
            }
            String lines = pending.toString();
            pending.setLength(0);
            return lines;
        }
    }
}

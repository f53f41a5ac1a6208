package io.legate.accesslog;

/**
 * The lines logged and not written yet. Bounded: past {@code maxChars} the writer is behind, and a line is dropped
 * (and counted) rather than the call held or the memory grown without bound.
 */
final class PendingLines {

    /** Lines joined by the line separator, and how many were dropped since the last batch. */
    record Batch(String lines, long dropped) {
    }

    private final int maxChars;
    private final int batchChars;
    private final StringBuilder lines = new StringBuilder();
    private long dropped;
    private boolean batchFull;

    /** {@code batchChars}: how many characters of lines make a batch worth writing before its time. */
    PendingLines(int maxChars, int batchChars) {
        this.maxChars = maxChars;
        this.batchChars = batchChars;
    }

    /**
     * Keeps {@code line}, or drops it when the lines waiting would pass the bound. True once per batch, for the line
     * that filled it: its caller gets it written.
     */
    synchronized boolean add(String line) {
        if (lines.length() + line.length() >= maxChars) {
            dropped++;
            return false;
        }
        if (!lines.isEmpty()) {
            lines.append(System.lineSeparator());
        }
        lines.append(line);
        if (batchFull || lines.length() < batchChars) {
            return false;
        }
        batchFull = true;
        return true;
    }

    /** Every line waiting, in the order they were added, and the count dropped; none are waiting after it. */
    synchronized Batch take() {
        Batch batch = new Batch(lines.toString(), dropped);
        lines.setLength(0);
        dropped = 0;
        batchFull = false;
        return batch;
    }
}

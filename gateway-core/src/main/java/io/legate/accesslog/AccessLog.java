package io.legate.accesslog;

import io.legate.metrics.CallLog;
import io.legate.metrics.RequestMeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.AsyncRequestLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one JSON object per line per call ({@link AccessLogLine}), appended to a file by Jetty's
 * {@link AsyncRequestLogWriter}, whose own thread does the writing, so a slow disk never holds a request's thread.
 * Its thread writes every line waiting with one system call ({@link LineBatches}). A path whose file name holds
 * {@code yyyy_mm_dd} gets a new file each day (UTC), kept 90 days. When the writer falls behind by more than 1 Mi
 * characters of lines, lines are dropped with a warning rather than calls delayed.
 */
public final class AccessLog implements CallLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

    private static final int QUEUED_CHARS = 1024 * 1024;
    private static final long CLOSE_WAIT_MS = 5_000;

    private final Path file;
    private final BlockingQueue<String> queue = new LineBatches(QUEUED_CHARS);
    private final AsyncRequestLogWriter writer;

    public AccessLog(Path file) {
        this.file = file;
        this.writer = new AsyncRequestLogWriter(file.toString(), queue);
        writer.setAppend(true);
    }

    /** Opens the file for appending, creating its directory; before the first call. */
    public void start() throws Exception {
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            writer.start();
        } catch (IOException e) {
            throw new IOException("access_log.path: cannot write " + file + ": " + e, e);
        }
    }

    @Override
    public void ended(RequestMeter call) {
        try {
            writer.write(AccessLogLine.of(call));
        } catch (IOException | RuntimeException e) {
            // The call is answered whatever becomes of its log line.
            LOG.warn("access log: cannot log a call", e);
        }
    }

    /** Writes out the lines still queued (for up to 5 s) and closes the file. */
    @Override
    public void close() throws Exception {
        // The writer's thread stops at once when told to, leaving its queue unwritten: it is let empty it first.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        writer.stop();
    }
}

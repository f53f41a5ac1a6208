package io.legate.accesslog;

import io.legate.metrics.CallLog;
import io.legate.metrics.RequestMeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.RequestLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one JSON object per line per call ({@link AccessLogLine}), appended to a file by Jetty's
 * {@link RequestLogWriter}. A call only adds its line to the lines waiting; a thread of the log's own writes them
 * all with one system call, every second or as soon as 64 Ki characters wait, so a call neither waits on the disk nor
 * wakes a thread (waking the writer for each call cost more than the line). A path whose file name holds
 * {@code yyyy_mm_dd} gets a new file each day (UTC), kept 90 days. When the writer falls behind by more than 1 Mi
 * characters of lines, lines are dropped with a warning saying how many, rather than calls delayed.
 */
public final class AccessLog implements CallLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

    private static final int QUEUED_CHARS = 1024 * 1024;
    private static final int BATCH_CHARS = 64 * 1024;
    private static final long WRITE_EVERY_MS = 1_000;
    private static final long CLOSE_WAIT_MS = 5_000;

    private final Path file;
    private final PendingLines pending = new PendingLines(QUEUED_CHARS, BATCH_CHARS);
    private final RequestLogWriter writer;
    private final ScheduledExecutorService writing = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "legate-access-log");
        thread.setDaemon(true);
        return thread;
    });

    public AccessLog(Path file) {
        this.file = file;
        this.writer = new RequestLogWriter(file.toString());
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
            writing.shutdown();
            throw new IOException("access_log.path: cannot write " + file + ": " + e, e);
        }
        writing.scheduleWithFixedDelay(this::writePending, WRITE_EVERY_MS, WRITE_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void ended(RequestMeter call) {
        try {
            if (pending.add(AccessLogLine.of(call))) {
                writing.execute(this::writePending);
            }
        } catch (RuntimeException e) {
            // The call is answered whatever becomes of its log line (a writer shut down refuses the task).
            LOG.warn("access log: cannot log a call", e);
        }
    }

    private void writePending() {
        PendingLines.Batch batch = pending.take();
        if (batch.dropped() > 0) {
            LOG.warn("access log: {} lines dropped, the writing of {} is behind", batch.dropped(), file);
        }
        if (batch.lines().isEmpty()) {
            return;
        }
        try {
            writer.write(batch.lines());
        } catch (IOException | RuntimeException e) {
            LOG.warn("access log: cannot write to {}", file, e);
        }
    }

    /** Writes out the lines still waiting and closes the file. */
    @Override
    public void close() throws Exception {
        writing.shutdown();
        if (!writing.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
            LOG.warn("access log: the writing of {} did not end in {} ms", file, CLOSE_WAIT_MS);
        }
        writePending();
        writer.stop();
    }
}

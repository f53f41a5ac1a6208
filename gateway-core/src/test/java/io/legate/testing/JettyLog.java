package io.legate.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.StdErrAppender;
import org.slf4j.LoggerFactory;

/**
 * What the gateway and Jetty log while a test runs, through the appender the distribution logs with (Jetty's
 * {@code StdErrAppender}, which every logger shares): still written where it was, and kept for the test to read.
 * Closing it puts the appender's stream back.
 */
public final class JettyLog implements AutoCloseable {

    /** Where an event begins: its time stamp, as {@code 2026-01-02 03:04:05.678:WARN :...}. */
    private static final String EVENT = "\n(?=\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}:)";

    private final StdErrAppender appender;
    private final PrintStream original;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    private JettyLog(StdErrAppender appender) {
        this.appender = appender;
        this.original = appender.getStream();
        appender.setStream(new PrintStream(original, true, StandardCharsets.UTF_8) {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (kept) {
                    kept.write(bytes, offset, length);
                }
                super.write(bytes, offset, length);
            }
        });
    }

    /** Keeps what is logged from now on. */
    public static JettyLog capture() {
        return new JettyLog((StdErrAppender) ((JettyLogger) LoggerFactory.getLogger(JettyLog.class)).getAppender());
    }

    /** The events logged at WARN or ERROR so far, each with the stack trace that came with it. */
    public List<String> warnings() {
        String text;
        synchronized (kept) {
            text = kept.toString(StandardCharsets.UTF_8);
        }
        return Stream.of(text.split(EVENT)).filter(event -> event.matches("(?s)\\S+ \\S+:(WARN|ERROR).*")).toList();
    }

    @Override
    public void close() {
        appender.setStream(original);
    }
}

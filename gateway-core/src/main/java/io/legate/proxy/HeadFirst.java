package io.legate.proxy;

import java.util.function.Consumer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * A response head written on its own, ahead of any body: Jetty takes one write at a time, so what comes next (a
 * chunk, the end) waits until the head is out. Only one thing can wait: the upstream sends the next once it was
 * told this one was taken.
 */
final class HeadFirst {

    private boolean writing;
    private Runnable waiting;

    /** Writes {@code response}'s head now; {@code failed} hears a caller that cannot take it. */
    void write(Response response, Consumer<Throwable> failed) {
        synchronized (this) {
            writing = true;
        }
        response.write(false, BufferUtil.EMPTY_BUFFER, Callback.from(this::written, failure -> {
            failed.accept(failure);
            written();
        }));
    }

    /** Runs {@code next} now, or once the head is out. */
    void then(Runnable next) {
        synchronized (this) {
            if (writing) {
                waiting = next;
                return;
            }
        }
        next.run();
    }

    private void written() {
        Runnable next;
        synchronized (this) {
            writing = false;
            next = waiting;
            waiting = null;
        }
        if (next != null) {
            next.run();
        }
    }
}

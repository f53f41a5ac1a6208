package io.legate.proxy;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.function.Consumer;

/**
 * Hands the servlet container's report of a failed call to the call. Jetty reports a caller that went away (a reset
 * stream, a closed connection) this way when no servlet code is running for the call; with no listener to take it,
 * it would answer the caller with its own error page, or break the reply off, on its own.
 */
final class AsyncFailures implements AsyncListener {

    private final Consumer<Throwable> failed;

    AsyncFailures(Consumer<Throwable> failed) {
        this.failed = failed;
    }

    @Override
    public void onError(AsyncEvent event) {
        failed.accept(event.getThrowable());
    }

    @Override
    public void onComplete(AsyncEvent event) {
    }

    @Override
    public void onTimeout(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}

package io.legate.server;

import org.eclipse.jetty.server.Handler;

/**
 * A handler that says it never blocks a thread: the forwarder streams bodies through Jetty's asynchronous APIs, and
 * saying so lets Jetty run each request in the thread that parsed it instead of handing it to another one.
 */
public final class NonBlocking extends Handler.Wrapper {

    public NonBlocking(Handler handler) {
        super(handler);
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}

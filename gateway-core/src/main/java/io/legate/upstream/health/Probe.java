package io.legate.upstream.health;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One kind of health check, run against one endpoint at a time. It never blocks: a check is started and its answer
 * comes later, on whatever thread read it.
 */
interface Probe extends AutoCloseable {

    /**
     * Starts a check of {@code endpoint}. The future completes normally when the endpoint is healthy, and
     * exceptionally, saying why, when it is not. Completing it from outside (a timeout, say) abandons the check:
     * the probe then stops waiting for its answer.
     */
    CompletableFuture<Void> check(InetSocketAddress endpoint);

    /** Closes what the probe keeps open towards {@code endpoint}: it is no longer checked. */
    void forget(InetSocketAddress endpoint);

    /** Closes every connection the probe opened. */
    @Override
    void close();
}

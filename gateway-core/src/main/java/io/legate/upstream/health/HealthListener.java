package io.legate.upstream.health;

import java.net.InetSocketAddress;

/**
 * Told of every check and every change of an endpoint's health, for metrics and logs. Called on the thread that
 * ended the check (a network or scheduler thread): it must not block.
 */
public interface HealthListener {

    HealthListener NONE = new HealthListener() {
    };

    /**
     * A check of {@code endpoint} ended.
     *
     * @param failure null when it passed, else why it failed (the answer, a connect failure, or a timeout)
     */
    default void checked(InetSocketAddress endpoint, Throwable failure) {
    }

    /** {@code endpoint} became healthy, or unhealthy, after enough checks in a row said so. */
    default void changed(InetSocketAddress endpoint, boolean healthy) {
    }
}

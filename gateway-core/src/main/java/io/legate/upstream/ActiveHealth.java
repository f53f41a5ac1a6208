package io.legate.upstream;

import java.net.InetSocketAddress;
import java.util.Collection;

/** What active health checks say of the endpoints of one upstream. */
interface ActiveHealth extends AutoCloseable {

    /** No health checks: every endpoint is healthy. */
    ActiveHealth NONE = new ActiveHealth() {
        @Override
        public boolean healthy(InetSocketAddress endpoint) {
            return true;
        }

        @Override
        public void watch(Collection<InetSocketAddress> endpoints) {
        }

        @Override
        public void close() {
        }
    };

    boolean healthy(InetSocketAddress endpoint);

    /** Checks these endpoints from now on, and no others. */
    void watch(Collection<InetSocketAddress> endpoints);

    @Override
    void close();
}

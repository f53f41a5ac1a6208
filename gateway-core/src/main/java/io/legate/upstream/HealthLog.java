package io.legate.upstream;

import io.legate.routing.Upstream;
import io.legate.upstream.health.HealthListener;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each change of an endpoint's health: what an operator looks for when calls move away from one. */
final class HealthLog implements HealthListener {

    private static final Logger LOG = LoggerFactory.getLogger(HealthLog.class);

    private final Upstream upstream;

    HealthLog(Upstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public void changed(InetSocketAddress endpoint, boolean healthy) {
        String address = endpoint.getHostString() + ":" + endpoint.getPort();
        if (healthy) {
            LOG.info("{} endpoint {}: healthy again, back in rotation", upstream.origin(), address);
        } else {
            LOG.warn("{} endpoint {}: health checks fail, out of rotation", upstream.origin(), address);
        }
    }
}

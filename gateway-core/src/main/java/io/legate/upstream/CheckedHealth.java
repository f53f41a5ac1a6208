package io.legate.upstream;

import io.legate.upstream.health.HealthWatch;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;

/** What the active health checks of an upstream say: an endpoint is healthy while every one of them says so. */
final class CheckedHealth implements ActiveHealth {

    private final List<HealthWatch> watches;

    CheckedHealth(List<HealthWatch> watches) {
        this.watches = List.copyOf(watches);
    }

    @Override
    public boolean healthy(InetSocketAddress endpoint) {
        for (HealthWatch watch : watches) {
            if (!watch.healthy(endpoint)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void watch(Collection<InetSocketAddress> endpoints) {
        watches.forEach(watch -> watch.watch(endpoints));
    }

    @Override
    public void close() {
        watches.forEach(HealthWatch::close);
    }
}

package io.legate.server;

import io.legate.pluginhost.FilterChain;
import io.legate.proxy.ServedSnapshot;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Closes the filter chain of a replaced configuration once no call uses it any more. A chain may serve several
 * snapshots (a route table swapped alone keeps it), so it is closed only when none of those in use has it.
 */
final class RetiredFilters {

    private Set<FilterChain> open = Collections.newSetFromMap(new IdentityHashMap<>());

    RetiredFilters(ServedSnapshot initial) {
        open.add(initial.snapshot().filters());
    }

    /** Told the snapshots in use, whenever that changes. */
    synchronized void inUse(List<ServedSnapshot> inUse) {
        Set<FilterChain> now = Collections.newSetFromMap(new IdentityHashMap<>());
        inUse.forEach(served -> now.add(served.snapshot().filters()));
        open.removeAll(now);
        open.forEach(FilterChain::close);
        open = now;
    }

    /** The gateway stops: every chain closes. */
    synchronized void closeAll() {
        open.forEach(FilterChain::close);
        open.clear();
    }
}

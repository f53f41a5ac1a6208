package io.legate.upstream;

import io.legate.routing.RouteMatch;
import java.util.List;

/** The cluster of each route of one route table, found by the route's position without a look-up. */
public final class RouteClusters {

    private final Cluster[] byPosition;

    RouteClusters(Cluster[] byPosition) {
        this.byPosition = byPosition;
    }

    public Cluster of(RouteMatch match) {
        return byPosition[match.position()];
    }

    List<Cluster> all() {
        return List.of(byPosition);
    }
}

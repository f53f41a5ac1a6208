package io.legate.routing;

import java.util.List;
import java.util.Optional;

/** An immutable, ordered snapshot of the routes; swapped whole when configuration changes. */
public final class RouteTable {

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static RouteTable empty() {
        return new RouteTable(List.of());
    }

    public List<Route> routes() {
        return routes;
    }

    public Optional<RouteMatch> match(RequestFacts request) {
        throw new UnsupportedOperationException("TODO routing");
    }
}

package io.legate.metrics;

import io.legate.routing.RouteMatch;
import java.util.List;

/** The data points of one route table's Mappings, in the table's match order, bound before the table serves. */
public final class RouteMetrics {

    private final List<MappingMetrics> byPosition;
    private final MappingMetrics unrouted;

    RouteMetrics(List<MappingMetrics> byPosition, MappingMetrics unrouted) {
        this.byPosition = List.copyOf(byPosition);
        this.unrouted = unrouted;
    }

    /** Those of the Mapping that {@code match}, a match in this table, routes to; those of no Mapping for null. */
    public MappingMetrics of(RouteMatch match) {
        return match == null ? unrouted : byPosition.get(match.position());
    }
}

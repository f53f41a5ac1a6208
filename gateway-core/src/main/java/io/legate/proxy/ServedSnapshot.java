package io.legate.proxy;

import io.legate.upstream.RouteClusters;
import io.legate.metrics.RouteMetrics;
import io.legate.snapshot.GatewaySnapshot;

/**
 * What the forwarder serves from: a snapshot of the resources, and the data points and upstream clusters bound to its
 * routes, swapped together so that a request counts with the table it was routed by.
 */
public record ServedSnapshot(GatewaySnapshot snapshot, RouteMetrics routeMetrics, RouteClusters clusters) {
}

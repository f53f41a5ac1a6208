package io.legate.routing;

import java.util.List;

/**
 * How a route reaches the endpoints of its upstream: where the endpoints come from, how one is picked for each
 * call, how their health is watched, which failures are tried again, and the limits that guard them. Emissary's
 * {@code resolver}, {@code load_balancer}, {@code health_checks}, {@code retry_policy} and {@code circuit_breakers},
 * a Mapping's own or else the {@code ambassador} Module's.
 *
 * @param connectionLifetimeMs {@code cluster_max_connection_lifetime_ms}: how long a connection to an endpoint takes
 *                             new calls; 0 for as long as it stays open
 */
public record UpstreamPolicy(
        EndpointSource endpoints,
        LoadBalancer loadBalancer,
        List<HealthCheck> healthChecks,
        RetryPolicy retry,
        CircuitBreakers breakers,
        long connectionLifetimeMs) {

    /** Every address of the service host, a call each in turn, no health checks, no retries, no limits. */
    public static final UpstreamPolicy DEFAULT = new UpstreamPolicy(EndpointSource.DNS, LoadBalancer.ROUND_ROBIN,
            List.of(), RetryPolicy.NONE, CircuitBreakers.NONE, 0);

    public UpstreamPolicy {
        healthChecks = List.copyOf(healthChecks);
    }
}

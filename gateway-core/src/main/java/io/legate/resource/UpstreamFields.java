package io.legate.resource;

import io.legate.routing.CircuitBreakers;
import io.legate.routing.HealthCheck;
import io.legate.routing.LoadBalancer;
import io.legate.routing.RetryPolicy;
import java.util.List;

/**
 * Emissary's fields of how a Mapping's calls reach its upstream, as written: each null (or false, or empty) when
 * absent, so that the {@code ambassador} Module's defaults can fill what a Mapping leaves out when routes are built.
 *
 * @param resolver    the name of a resolver resource, or {@code endpoint}
 * @param servicePort the port the Mapping's {@code service} names, 0 when it names none (a Module's: 0)
 * @param connectionLifetimeMs {@code cluster_max_connection_lifetime_ms}; 0 when absent
 */
public record UpstreamFields(
        LoadBalancer loadBalancer,
        String resolver,
        boolean respectDnsTtl,
        boolean enableIpv6,
        List<HealthCheck> healthChecks,
        RetryPolicy retry,
        CircuitBreakers breakers,
        int servicePort,
        long connectionLifetimeMs) {

    /** Nothing written. */
    public static final UpstreamFields NONE = new UpstreamFields(null, null, false, false, List.of(), null, null, 0, 0);

    public UpstreamFields {
        healthChecks = List.copyOf(healthChecks);
    }

    /** These fields, with the Module's {@code defaults} where these leave a Module field out. */
    public UpstreamFields orElse(UpstreamFields defaults) {
        return new UpstreamFields(
                loadBalancer != null ? loadBalancer : defaults.loadBalancer,
                resolver != null ? resolver : defaults.resolver,
                respectDnsTtl, enableIpv6, healthChecks,
                retry != null ? retry : defaults.retry,
                breakers != null ? breakers : defaults.breakers,
                servicePort,
                connectionLifetimeMs != 0 ? connectionLifetimeMs : defaults.connectionLifetimeMs);
    }
}

package io.legate.snapshot;

import io.legate.resource.MappingSpec;
import io.legate.resource.ModuleSpec;
import io.legate.resource.Resolvers;
import io.legate.resource.Resource;
import io.legate.resource.UpstreamFields;
import io.legate.resource.model.ResourceKind;
import io.legate.routing.CircuitBreakers;
import io.legate.routing.EndpointSource;
import io.legate.routing.LoadBalancer;
import io.legate.routing.RetryPolicy;
import io.legate.routing.UpstreamPolicy;
import java.util.List;
import java.util.Objects;

/**
 * The upstream policy of each Mapping: its own {@code load_balancer}, {@code resolver}, {@code retry_policy} and
 * {@code circuit_breakers}, else the {@code ambassador} Module's, else Emissary's defaults.
 */
final class UpstreamPolicies {

    private final UpstreamFields moduleDefaults;
    private final Resolvers resolvers;

    private UpstreamPolicies(UpstreamFields moduleDefaults, Resolvers resolvers) {
        this.moduleDefaults = moduleDefaults;
        this.resolvers = resolvers;
    }

    static UpstreamPolicies of(List<Resource> resources) {
        return new UpstreamPolicies(ModuleSpec.global(resources).map(ModuleSpec::upstreamDefaults)
                .orElse(UpstreamFields.NONE), Resolvers.of(resources));
    }

    UpstreamPolicy policy(Resource mapping) {
        MappingSpec spec = (MappingSpec) mapping.typed();
        UpstreamFields fields = spec.upstream().orElse(moduleDefaults);
        return new UpstreamPolicy(
                endpoints(fields, spec, mapping.namespace()),
                Objects.requireNonNullElse(fields.loadBalancer(), LoadBalancer.ROUND_ROBIN),
                fields.healthChecks(),
                Objects.requireNonNullElse(fields.retry(), RetryPolicy.NONE),
                Objects.requireNonNullElse(fields.breakers(), CircuitBreakers.NONE),
                fields.connectionLifetimeMs());
    }

    /**
     * A Kubernetes endpoint resolver takes the Endpoints resource that {@code service} names as Emissary reads it,
     * {@code name[.namespace][:port]} (the Mapping's own namespace when the service names none); any other
     * resolver, or a name that names none (reported when written), resolves the host by DNS.
     */
    private EndpointSource endpoints(UpstreamFields fields, MappingSpec spec, String namespace) {
        if (fields.resolver() != null && resolvers.kind(fields.resolver())
                .filter(kind -> kind == ResourceKind.KUBERNETES_ENDPOINT_RESOLVER).isPresent()) {
            String[] labels = spec.service().host().split("\\.");
            return new EndpointSource.Endpoints(labels[0], labels.length > 1 ? labels[1] : namespace,
                    fields.servicePort());
        }
        if (!fields.respectDnsTtl() && !fields.enableIpv6()) {
            return EndpointSource.DNS;
        }
        return new EndpointSource.Dns(fields.respectDnsTtl(), fields.enableIpv6());
    }
}

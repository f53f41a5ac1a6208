package io.legate.admin.api;

import io.legate.admin.store.ResourceStore;
import io.legate.server.GatewayContext;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The admin API's Jersey application: its endpoints, the problem+json mapper, the JSON/YAML writer, the token check. */
public final class AdminApplication extends ResourceConfig {

    /** @param token the bearer token every call but the health checks needs; null for none */
    public AdminApplication(ResourceStore store, GatewayContext gateway, String token) {
        RequestBodies bodies = new RequestBodies(gateway.plugins());
        register(new ResourcesEndpoint(store, bodies));
        register(new ApplyEndpoint(store, bodies));
        register(new RoutesEndpoint(gateway));
        register(new HealthEndpoint(gateway));
        register(new ProblemMapper());
        register(new DocumentWriter());
        if (token != null) {
            register(new BearerTokenFilter(token));
        }
        // Everything is registered above: no class-path scanning for providers, which also keeps start-up short.
        property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
    }
}

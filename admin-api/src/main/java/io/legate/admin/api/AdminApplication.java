package io.legate.admin.api;

import io.legate.admin.store.ResourceStore;
import io.legate.server.GatewayContext;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admin API's Jersey application: its endpoints, the problem+json mapper, the JSON/YAML writer, the token
 * check, the count of writes.
 */
public final class AdminApplication extends ResourceConfig {

    /**
     * Jersey warns that each endpoint registered as an instance "will be ignored" as a provider, then serves it as
     * a resource all the same (eclipse-ee4j/jersey#3700): a false alarm at every start. Held here because
     * java.util.logging keeps its loggers only weakly, and a collected one would forget the level.
     */
    private static final Logger PROVIDER_CHECKS = Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    static {
        PROVIDER_CHECKS.setLevel(Level.SEVERE);
    }

    /** @param token the bearer token every call but the health checks and the metrics needs; null for none */
    public AdminApplication(ResourceStore store, GatewayContext gateway, String token) {
        RequestBodies bodies = new RequestBodies(gateway.plugins());
        AdminWrites writes = new AdminWrites(gateway.metrics().registry());
        register(new ResourcesEndpoint(store, bodies, writes));
        register(new ApplyEndpoint(store, bodies, writes));
        register(new RoutesEndpoint(gateway));
        register(new UpstreamsEndpoint(gateway));
        register(new InstancesEndpoint(store));
        register(new HealthEndpoint(gateway, store));
        register(new MetricsEndpoint(gateway.metrics().registry()));
        register(writes);
        register(new ProblemMapper());
        register(new DocumentWriter());
        if (token != null) {
            register(new BearerTokenFilter(token));
        }
        // Everything is registered above: no class-path scanning for providers, which also keeps start-up short.
        property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Bodies are JSON or YAML: no jakarta.activation on the class path, nor a DataSource writer to look for.
        property(CommonProperties.PROVIDER_DEFAULT_DISABLE, "DATASOURCE");
    }
}

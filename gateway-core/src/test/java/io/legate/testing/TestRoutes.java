package io.legate.testing;

import io.legate.tls.ServerTls;
import io.legate.routing.EndpointDirectory;
import io.legate.routing.InsecurePolicies;
import io.legate.access.CallerPolicy;
import io.legate.pluginhost.FilterChain;
import io.legate.pluginhost.PluginRegistry;
import io.legate.snapshot.GatewaySnapshot;
import io.legate.resource.LoadResult;
import io.legate.resource.model.Problem;
import io.legate.resource.ResourceSet;
import java.util.ArrayList;
import java.util.List;
import io.legate.resource.ResourceLoader;
import io.legate.snapshot.RouteTableFactory;
import io.legate.routing.RouteTable;

/** Route tables from Mapping YAML, through the same loader and validator the gateway uses. */
final class TestRoutes {

    private TestRoutes() {
    }

    /** Routes, Host policies and certificates from resource YAML; a dangling reference is an error too. */
    static GatewaySnapshot snapshot(String yaml) {
        return snapshot(yaml, PluginRegistry.classPath());
    }

    /** As {@link #snapshot(String)}, validated with and serving the plugins of {@code plugins}. */
    static GatewaySnapshot snapshot(String yaml, PluginRegistry plugins) {
        return snapshot(yaml, plugins, new ResourceLoader(plugins));
    }

    /**
     * As {@link #snapshot(String, PluginRegistry)}, read as the gateway reads what was written before it started:
     * settings of a plugin that is not loaded are a warning, not an error.
     */
    static GatewaySnapshot storedSnapshot(String yaml, PluginRegistry plugins) {
        return snapshot(yaml, plugins, ResourceLoader.tolerant(plugins));
    }

    private static GatewaySnapshot snapshot(String yaml, PluginRegistry plugins, ResourceLoader loader) {
        LoadResult loaded = loader.parse("test.yaml", yaml);
        List<Problem> problems = new ArrayList<>(loaded.errors());
        problems.addAll(ResourceSet.check(loaded.resources()));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid test resources: " + problems);
        }
        return GatewaySnapshot.of(loaded.resources(), plugins);
    }

    static RouteTable fromYaml(String yaml) {
        LoadResult loaded = new ResourceLoader().parse("test.yaml", yaml);
        if (loaded.hasErrors()) {
            throw new IllegalArgumentException("invalid test resources: " + loaded.errors());
        }
        return RouteTableFactory.build(loaded.resources(), PluginRegistry.classPath());
    }

    /** A snapshot of {@code routes} only: no plugin, no Host, no TLS. */
    public static GatewaySnapshot routesOnly(RouteTable routes) {
        return new GatewaySnapshot(routes, FilterChain.EMPTY, InsecurePolicies.NONE, ServerTls.NONE,
                EndpointDirectory.EMPTY, CallerPolicy.OPEN);
    }
}

package io.legate.resource;

import io.legate.pluginhost.FilterChain;
import io.legate.pluginhost.PluginRegistry;
import io.legate.routing.InsecurePolicies;
import io.legate.routing.RouteTable;
import io.legate.tls.ServerTls;
import java.util.List;
import java.util.Map;

/**
 * Everything the traffic listeners serve from the resources, built at once and swapped at once: the routes, the
 * plugins' filter chain, the cleartext policies of the Hosts, and the certificates of the TLS listener.
 */
public record GatewaySnapshot(RouteTable routes, FilterChain filters, InsecurePolicies insecure, ServerTls tls) {

    public static final GatewaySnapshot EMPTY =
            new GatewaySnapshot(RouteTable.empty(), FilterChain.EMPTY, InsecurePolicies.NONE, ServerTls.NONE);

    /** The snapshot of {@code resources}, which must have passed {@link ResourceValidator} with the same plugins. */
    public static GatewaySnapshot of(List<Resource> resources, PluginRegistry plugins) {
        ServerTls tls = TlsFactory.serverTls(resources);
        return new GatewaySnapshot(RouteTableFactory.build(resources, plugins), FilterChain.of(plugins, moduleSettings(resources)),
                TlsFactory.insecurePolicies(resources, tls.enabled()), tls);
    }

    /** Routes only: no plugin, no Host, no TLS. */
    public static GatewaySnapshot of(RouteTable routes) {
        return new GatewaySnapshot(routes, FilterChain.EMPTY, InsecurePolicies.NONE, ServerTls.NONE);
    }

    /** A copy serving {@code next} instead of its routes. */
    public GatewaySnapshot withRoutes(RouteTable next) {
        return new GatewaySnapshot(next, filters, insecure, tls);
    }

    private static Map<String, Record> moduleSettings(List<Resource> resources) {
        return ModuleSpec.global(resources).map(ModuleSpec::plugins).orElse(Map.of());
    }
}

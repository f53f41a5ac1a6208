package io.legate.snapshot;

import io.legate.access.CallerPolicy;
import io.legate.resource.EndpointsSpec;
import io.legate.resource.ModuleSpec;
import io.legate.resource.PluginResourceSpec;
import io.legate.resource.Resource;
import io.legate.resource.ResourceSet;
import io.legate.resource.ResourceValidator;
import io.legate.pluginhost.FilterChain;
import io.legate.pluginhost.PluginRegistry;
import io.legate.pluginhost.PluginUnavailable;
import io.legate.routing.EndpointDirectory;
import io.legate.routing.InsecurePolicies;
import io.legate.routing.RouteTable;
import io.legate.tls.ServerTls;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the traffic listeners serve from the resources, built at once and swapped at once: the routes, the
 * plugins' filter chain, the cleartext policies of the Hosts, the certificates of the TLS listener, the stored
 * Endpoints that routes with a Kubernetes endpoint resolver send their calls to, and who may call (the Module's
 * {@code ip_allow}, {@code ip_deny} and {@code x_forwarded_proto_redirect}).
 */
public record GatewaySnapshot(RouteTable routes, FilterChain filters, InsecurePolicies insecure, ServerTls tls,
                              EndpointDirectory endpoints, CallerPolicy callers) {

    public static final GatewaySnapshot EMPTY = new GatewaySnapshot(RouteTable.empty(), FilterChain.EMPTY,
            InsecurePolicies.NONE, ServerTls.NONE, EndpointDirectory.EMPTY, CallerPolicy.OPEN);

    /**
     * The snapshot of {@code resources}, which must have passed {@link ResourceValidator} with the same plugins.
     * When the Module configures a plugin that is not loaded, or a plugin cannot make its filter, nothing is served
     * without it: no filter runs and every route refuses its requests, naming the plugin.
     */
    public static GatewaySnapshot of(List<Resource> resources, PluginRegistry plugins) {
        ServerTls tls = TlsFactory.serverTls(resources);
        InsecurePolicies insecure = TlsFactory.insecurePolicies(resources, tls.enabled());
        EndpointDirectory endpoints = endpoints(resources);
        CallerPolicy callers = ModuleSpec.global(resources).map(ModuleSpec::callers).orElse(CallerPolicy.OPEN);
        try {
            FilterChain filters = filters(resources, plugins);
            return new GatewaySnapshot(RouteTableFactory.build(resources, plugins, null), filters, insecure, tls,
                    endpoints, callers);
        } catch (PluginUnavailable e) {
            return new GatewaySnapshot(RouteTableFactory.build(resources, plugins, e.getMessage()), FilterChain.EMPTY,
                    insecure, tls, endpoints, callers);
        }
    }

    /** The Endpoints resources by name and namespace ({@code default} when they name none, as in Kubernetes). */
    private static EndpointDirectory endpoints(List<Resource> resources) {
        Map<EndpointDirectory.Name, List<EndpointDirectory.Subset>> byName = new HashMap<>();
        resources.stream()
                .filter(r -> r.typed() instanceof EndpointsSpec)
                .forEach(r -> byName.put(new EndpointDirectory.Name(r.name(),
                                Objects.requireNonNullElse(r.namespace(), "default")),
                        ((EndpointsSpec) r.typed()).subsets()));
        return EndpointDirectory.of(byName);
    }

    /** The Module's plugin settings, each replaced by a claimed resource's (the first by name, as ResourceSet says). */
    private static FilterChain filters(List<Resource> resources, PluginRegistry plugins) {
        Optional<Resource> module = resources.stream()
                .filter(r -> r.typed() instanceof ModuleSpec spec && spec.global())
                .findFirst();
        Map<String, Record> settings = new HashMap<>();
        if (module.isPresent()) {
            ModuleSpec spec = (ModuleSpec) module.get().typed();
            if (!spec.missingPlugins().isEmpty()) {
                throw PluginUnavailable.notLoaded(spec.missingPlugins(), module.get().label());
            }
            settings.putAll(spec.plugins());
        }
        for (Resource claimed : ResourceSet.claimedInEffect(resources)) {
            PluginResourceSpec spec = (PluginResourceSpec) claimed.typed();
            if (spec.plugin() == null) {
                throw PluginUnavailable.unclaimed(claimed.label());
            }
            settings.put(spec.plugin(), spec.settings());
        }
        return FilterChain.of(plugins, settings);
    }
}

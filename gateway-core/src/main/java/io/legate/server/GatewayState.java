package io.legate.server;

import io.legate.upstream.Cluster;
import java.util.Collection;
import io.legate.config.GatewayConfig;
import io.legate.metrics.GatewayMetrics;
import io.legate.pluginhost.PluginRegistry;
import io.legate.resource.model.Problem;
import io.legate.resource.Resource;
import io.legate.snapshot.GatewaySnapshot;
import io.legate.resource.ResourceSet;
import io.legate.routing.RouteTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link GatewayContext} of a running gateway: the resources of {@code conf/resources/} plus the published ones,
 * and what failed to load.
 */
final class GatewayState implements GatewayContext {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayState.class);

    private final GatewayConfig config;
    private final List<Resource> confResources;
    private final LegateServer server;
    private final PluginRegistry plugins;
    private final List<Problem> problems = new CopyOnWriteArrayList<>();
    /** How many of {@link #problems} are not resources: the plugins' and the extensions'. */
    private final int notResources;

    /** @param brokenExtensions the extensions that could not be instantiated */
    GatewayState(GatewayConfig config, PluginRegistry plugins, List<Resource> confResources, List<Problem> confProblems,
                 List<Problem> brokenExtensions, LegateServer server) {
        this.config = config;
        this.plugins = plugins;
        this.confResources = List.copyOf(confResources);
        this.server = server;
        problems.addAll(plugins.failures());
        confProblems.stream().filter(Problem::isError).forEach(problems::add);
        brokenExtensions.forEach(this::report);
        this.notResources = plugins.failures().size() + brokenExtensions.size();
        GatewayMetrics metrics = server.metrics();
        metrics.gauge("legate_resources_failed", "Resources that failed to load and are skipped, as /readyz lists them",
                () -> problems.size() - notResources);
        metrics.gauge("legate_plugins_loaded", "Plugins loaded at start", () -> plugins.plugins().size());
        metrics.gauge("legate_plugins_failed", "Plugin jars and factories that failed to load or were refused",
                () -> plugins.failures().size());
    }

    @Override
    public PluginRegistry plugins() {
        return plugins;
    }

    @Override
    public GatewayConfig config() {
        return config;
    }

    @Override
    public RouteTable routes() {
        return server.routes();
    }

    @Override
    public Collection<Cluster> upstreams() {
        return server.upstreams();
    }

    @Override
    public GatewayMetrics metrics() {
        return server.metrics();
    }

    // Synchronised so that tables are swapped in the order they were published: the last call always wins.
    @Override
    public synchronized void publish(List<Resource> resources) {
        List<Resource> all = merged(resources);
        for (Problem problem : ResourceSet.check(all)) {
            LOG.warn(problem.isError() ? "{} (ignored until it exists)" : "{}", problem);
        }
        server.apply(GatewaySnapshot.of(all, plugins));
    }

    @Override
    public List<Problem> check(List<Resource> before, List<Resource> after) {
        return ResourceSet.introducedBy(merged(before), merged(after));
    }

    private List<Resource> merged(List<Resource> published) {
        Map<String, Resource> byLabel = new LinkedHashMap<>();
        confResources.forEach(r -> byLabel.put(r.label(), r));
        published.forEach(r -> byLabel.put(r.label(), r));
        return new ArrayList<>(byLabel.values());
    }

    @Override
    public void report(Problem problem) {
        LOG.error("{} (skipped)", problem);
        problems.add(problem);
    }

    @Override
    public List<Problem> problems() {
        return List.copyOf(problems);
    }
}

package io.legate.server;

import io.legate.upstream.Cluster;
import java.util.Collection;
import io.legate.config.GatewayConfig;
import io.legate.metrics.GatewayMetrics;
import io.legate.pluginhost.PluginRegistry;
import io.legate.resource.model.Problem;
import io.legate.resource.Resource;
import io.legate.routing.RouteTable;
import java.util.List;

/** What the gateway offers a {@link GatewayExtension}. Thread-safe. */
public interface GatewayContext {

    /** The gateway's settings, after environment and command-line overrides. */
    GatewayConfig config();

    /** The plugins found at start-up; validate resources with them ({@code new ResourceLoader(plugins())}). */
    PluginRegistry plugins();

    /** The route table serving now. */
    RouteTable routes();

    /** The upstreams calls go to now, each with its endpoints and what is known of them. */
    Collection<Cluster> upstreams();

    /** The gateway's metrics, which {@code GET /metrics} shows; an extension registers its own there too. */
    GatewayMetrics metrics();

    /**
     * Replaces the resources the extension contributes (the previous call's list is forgotten) and swaps in a
     * route table built from {@code conf/resources/} plus {@code resources}, before returning. On a name clash
     * of the same kind the published resource wins: it is what the user changed last. Requests and streams in
     * flight keep the route they matched. {@code resources} must have passed
     * {@link io.legate.resource.ResourceValidator} with {@link #plugins()}.
     */
    void publish(List<Resource> resources);

    /**
     * The reference problems (a TLSContext naming a missing Secret, a Mapping's {@code tls} naming a missing
     * TLSContext, ...) that publishing {@code after} instead of {@code before} would add, each with
     * {@code conf/resources/} counted in. A writer refuses a change for which this is not empty, so that a problem
     * already there never blocks unrelated writes.
     */
    List<Problem> check(List<Resource> before, List<Resource> after);

    /**
     * Reports a resource that failed to load (a stored one, say): logged, listed by {@link #problems()}, and
     * counted in {@code legate_resources_failed}.
     */
    void report(Problem problem);

    /** The errors reported so far, those of {@code conf/resources/} first; for {@code /readyz}. */
    List<Problem> problems();
}

package io.legate.upstream;

import io.legate.routing.CircuitBreakers;
import io.legate.routing.EndpointDirectory;
import io.legate.routing.EndpointSource;
import io.legate.routing.HealthCheck;
import io.legate.routing.LoadBalancer;
import io.legate.routing.Route;
import io.legate.routing.RouteAction;
import io.legate.routing.RouteTable;
import io.legate.routing.Upstream;
import io.legate.tls.UpstreamTls;
import io.legate.upstream.health.HealthWatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters of one gateway, by what sets them apart, kept across configuration changes so that what they know
 * of their endpoints (calls in flight, failures, health) outlives a change that keeps them. A cluster no
 * configuration in use needs any more is closed: its look-ups and health checks stop.
 */
public final class Clusters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Clusters.class);

    /** What makes two routes share a cluster: the same service, reached the same way, under the same policy. */
    record Key(Upstream upstream, UpstreamTls tls, boolean grpc, EndpointSource source, LoadBalancer loadBalancer,
               List<HealthCheck> healthChecks, CircuitBreakers breakers) {

        static Key of(RouteAction action) {
            return new Key(action.upstream(), action.tls(), action.grpc(), action.policy().endpoints(),
                    action.policy().loadBalancer(), action.policy().healthChecks(), action.policy().breakers());
        }
    }

    private final ConcurrentMap<Key, Cluster> clusters = new ConcurrentHashMap<>();
    /** DNS look-ups block: they run on a thread of their own, one after the other, never on a call's. */
    private final ScheduledExecutorService lookups = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "legate-dns");
        thread.setDaemon(true);
        return thread;
    });
    private final Scheduler scheduler;
    private final HealthClients healthClients;
    private volatile boolean started;

    /**
     * @param scheduler     what times health checks
     * @param healthClients what health checks connect with
     * @param registry      where the per-endpoint series are shown
     */
    public Clusters(Scheduler scheduler, HealthClients healthClients, PrometheusRegistry registry) {
        this.scheduler = scheduler;
        this.healthClients = healthClients;
        EndpointMetrics.register(this, registry);
    }

    /**
     * The cluster of each route of {@code routes}; those with stored {@code Endpoints} take theirs from
     * {@code directory} at once, so a change of endpoints re-balances the calls that start after it.
     */
    public RouteClusters bind(RouteTable routes, EndpointDirectory directory) {
        List<Route> all = routes.routes();
        Cluster[] bound = new Cluster[all.size()];
        for (int i = 0; i < bound.length; i++) {
            Key key = Key.of(all.get(i).action());
            Cluster cluster = clusters.computeIfAbsent(key, this::open);
            if (key.source() instanceof EndpointSource.Endpoints named) {
                var addresses = directory.addresses(named);
                cluster.endpoints(addresses, addresses.isEmpty()
                        ? "no endpoints: " + Cluster.describe(named) + " does not exist or lists no address" : null);
            }
            bound[i] = cluster;
        }
        return new RouteClusters(bound);
    }

    private Cluster open(Key key) {
        Cluster cluster = new Cluster(key, new Breakers(key.breakers()), health(key));
        if (started) {
            cluster.startChecks();
        }
        if (key.source() instanceof EndpointSource.Dns dns) {
            cluster.resolution(DnsResolution.start(cluster, key.upstream().host(), key.upstream().port(), dns,
                    lookups));
        }
        return cluster;
    }

    private ActiveHealth health(Key key) {
        if (key.healthChecks().isEmpty()) {
            return ActiveHealth.NONE;
        }
        List<HealthWatch> watches = new ArrayList<>();
        for (HealthCheck check : key.healthChecks()) {
            try {
                watches.add(HealthWatch.of(check, key.upstream(), healthClients.http2(key.tls()),
                        healthClients.http(key.tls()), scheduler, new HealthLog(key.upstream())));
            } catch (IllegalArgumentException e) {
                // A check the gateway cannot run (settings it refuses) takes no endpoint out.
                LOG.warn("{}: a health check is left out: {}", key.upstream().origin(), e.getMessage());
            }
        }
        return watches.isEmpty() ? ActiveHealth.NONE : new CheckedHealth(watches);
    }

    /** Starts the health checks, once the clients and the scheduler they use are started. */
    public synchronized void start() {
        started = true;
        clusters.values().forEach(Cluster::startChecks);
    }

    /** Closes the clusters that none of {@code inUse} needs. */
    public void release(Collection<RouteClusters> inUse) {
        Set<Cluster> needed = new HashSet<>();
        inUse.forEach(bound -> needed.addAll(bound.all()));
        clusters.forEach((key, cluster) -> {
            if (!needed.contains(cluster) && clusters.remove(key, cluster)) {
                cluster.close();
            }
        });
    }

    /** Every open cluster. */
    public Collection<Cluster> all() {
        return clusters.values();
    }

    @Override
    public void close() {
        clusters.values().forEach(Cluster::close);
        clusters.clear();
        lookups.shutdownNow();
    }
}

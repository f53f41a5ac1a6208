package io.legate.upstream;

import io.legate.routing.EndpointSource;
import io.legate.routing.LoadBalancer;
import io.legate.routing.RouteAction;
import io.legate.routing.Upstream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints of one upstream under one policy, and the choice of one for each call: the calls of every Mapping
 * that sends to the same service the same way share it, with what it knows of each endpoint. Its endpoints change
 * as DNS or the stored {@code Endpoints} say; a call in flight keeps the endpoint it picked.
 */
public final class Cluster implements AutoCloseable {

    private final Clusters.Key key;
    private final Upstream upstream;
    private final LoadBalancer loadBalancer;
    private final Breakers breakers;
    private final ActiveHealth health;
    private final Map<InetSocketAddress, Endpoint> known = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstMembers = new CompletableFuture<>();
    private volatile Members members = Members.NONE;
    private volatile String noEndpoints;
    private AutoCloseable resolution;
    private boolean checking;

    /** The endpoints at one moment and the balancer built for them. */
    private record Members(List<Endpoint> endpoints, Balancer balancer) {
        static final Members NONE = new Members(List.of(), null);
    }

    Cluster(Clusters.Key key, Breakers breakers, ActiveHealth health) {
        this.key = key;
        this.upstream = key.upstream();
        this.loadBalancer = key.loadBalancer();
        this.breakers = breakers;
        this.health = health;
        this.noEndpoints = "no endpoints for " + upstream.origin() + " yet";
    }

    void resolution(AutoCloseable resolution) {
        this.resolution = resolution;
    }

    public Upstream upstream() {
        return upstream;
    }

    /** Whether the calls of a route with {@code action} go through this cluster. */
    public boolean serves(RouteAction action) {
        return key.equals(Clusters.Key.of(action));
    }

    /** Where its endpoints come from. */
    public EndpointSource source() {
        return key.source();
    }

    public LoadBalancer loadBalancer() {
        return loadBalancer;
    }

    /** Whether the endpoints are known (a first DNS answer came, or the resource was read). */
    public boolean ready() {
        return firstMembers.isDone();
    }

    /** Runs {@code then} once the endpoints are known, at once if they are. */
    public void whenReady(Runnable then) {
        firstMembers.thenRun(then);
    }

    /**
     * The endpoint for a call, or null when there is none (then {@link #noEndpoints()} says why). Endpoints out of
     * rotation (failing health checks, ejected for failing calls) are passed over while another one is usable; when
     * none is, every endpoint is tried (Envoy's panic mode). {@code tried} are passed over while there are others.
     *
     * @param key the call's hash key, for the hashing policies; null for none
     */
    public Endpoint pick(String key, Collection<Endpoint> tried) {
        Members now = members;
        List<Endpoint> endpoints = now.endpoints();
        if (endpoints.size() <= 1) {
            return endpoints.isEmpty() ? null : endpoints.get(0);
        }
        long nanos = System.nanoTime();
        Endpoint picked = now.balancer().pick(key, e -> !tried.contains(e) && inRotation(e, nanos));
        if (picked == null) {
            picked = now.balancer().pick(key, e -> !tried.contains(e));
        }
        return picked != null ? picked : now.balancer().pick(key, e -> true);
    }

    private boolean inRotation(Endpoint endpoint, long nanos) {
        return !endpoint.ejected(nanos) && health.healthy(endpoint.address());
    }

    /** Whether active health checks count the endpoint healthy. */
    public boolean healthy(Endpoint endpoint) {
        return health.healthy(endpoint.address());
    }

    public String noEndpoints() {
        return noEndpoints;
    }

    /** Counts a call in, or says which circuit breaker refuses it. */
    public String admit() {
        return breakers.admitRequest();
    }

    public void ended() {
        breakers.requestEnded();
    }

    /** Counts a retry in, or says which circuit breaker refuses it. */
    public String admitRetry() {
        return breakers.admitRetry();
    }

    public void retryEnded() {
        breakers.retryEnded();
    }

    /** Counts a call waiting for a connection, or says which circuit breaker refuses it. */
    public String admitPending() {
        return breakers.admitPending();
    }

    public void pendingEnded() {
        breakers.pendingEnded();
    }

    /** How many endpoints a call may open a connection to at once ({@code max_connections}). */
    public int maxConnections() {
        return breakers.maxConnections();
    }

    /** How many calls may wait for a connection to open at once ({@code max_pending_requests}). */
    public int maxPendingRequests() {
        return breakers.maxPendingRequests();
    }

    /** The endpoints calls go to now. */
    public List<Endpoint> endpoints() {
        return members.endpoints();
    }

    /** Starts the health checks, once the clients they use are started; endpoints known later are checked at once. */
    synchronized void startChecks() {
        checking = true;
        health.watch(members.endpoints().stream().map(Endpoint::address).toList());
    }

    /** From now on, calls go to {@code addresses}; endpoints kept keep what is known of them. */
    synchronized void endpoints(List<InetSocketAddress> addresses, String whyNone) {
        List<Endpoint> current = members.endpoints();
        if (!sameAddresses(current, addresses)) {
            List<Endpoint> next = new ArrayList<>(addresses.size());
            for (InetSocketAddress address : addresses) {
                next.add(known.computeIfAbsent(address, Endpoint::new));
            }
            known.keySet().retainAll(addresses);
            members = new Members(List.copyOf(next), Balancer.of(loadBalancer.policy(), next));
            if (checking) {
                health.watch(addresses);
            }
        }
        noEndpoints = whyNone;
        firstMembers.complete(null);
    }

    private static boolean sameAddresses(List<Endpoint> endpoints, List<InetSocketAddress> addresses) {
        if (endpoints.size() != addresses.size()) {
            return false;
        }
        for (int i = 0; i < addresses.size(); i++) {
            if (!endpoints.get(i).address().equals(addresses.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            if (resolution != null) {
                resolution.close();
            }
        } catch (Exception e) {
            // A resolution stops by cancelling a scheduled task: nothing to report.
        }
        health.close();
    }

    /** Where its endpoints come from, for {@code /api/v1/upstreams}. */
    public static String describe(EndpointSource source) {
        return source instanceof EndpointSource.Endpoints named
                ? "Endpoints " + named.name() + (named.namespace() == null ? "" : "." + named.namespace())
                : "DNS";
    }
}

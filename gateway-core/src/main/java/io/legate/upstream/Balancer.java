package io.legate.upstream;

import io.legate.routing.LoadBalancer;
import java.util.List;
import java.util.function.Predicate;

/** Picks the endpoint of one call among a fixed list, by one of Emissary's policies. */
interface Balancer {

    /**
     * An endpoint that is {@code usable}, or null when none is.
     *
     * @param key the call's hash key, for the hashing policies; null when the call has none (then any is picked)
     */
    Endpoint pick(String key, Predicate<Endpoint> usable);

    static Balancer of(LoadBalancer.Policy policy, List<Endpoint> endpoints) {
        Endpoint[] all = endpoints.toArray(Endpoint[]::new);
        return switch (policy) {
            case ROUND_ROBIN -> new RoundRobin(all);
            case LEAST_REQUEST -> new LeastRequest(all);
            case RING_HASH -> new RingHash(all);
            case MAGLEV -> new Maglev(all);
        };
    }
}

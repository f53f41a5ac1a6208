package io.legate.upstream;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Envoy's {@code LEAST_REQUEST}: of two usable endpoints drawn at random, the one with fewer calls in flight
 * ("power of two choices": close to the least loaded, without a scan or a shared order).
 */
final class LeastRequest implements Balancer {

    private final Endpoint[] endpoints;

    LeastRequest(Endpoint[] endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public Endpoint pick(String key, Predicate<Endpoint> usable) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Endpoint first = usableFrom(random.nextInt(endpoints.length), usable);
        if (first == null) {
            return null;
        }
        Endpoint second = usableFrom(random.nextInt(endpoints.length), usable);
        return second.inFlight() < first.inFlight() ? second : first;
    }

    private Endpoint usableFrom(int start, Predicate<Endpoint> usable) {
        for (int i = 0; i < endpoints.length; i++) {
            Endpoint endpoint = endpoints[(start + i) % endpoints.length];
            if (usable.test(endpoint)) {
                return endpoint;
            }
        }
        return null;
    }
}

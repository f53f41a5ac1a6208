package io.legate.upstream;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Each call to the next endpoint in turn, skipping those not usable. */
final class RoundRobin implements Balancer {

    private final Endpoint[] endpoints;
    private final AtomicInteger next = new AtomicInteger();

    RoundRobin(Endpoint[] endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public Endpoint pick(String key, Predicate<Endpoint> usable) {
        int start = next.getAndIncrement();
        for (int i = 0; i < endpoints.length; i++) {
            Endpoint endpoint = endpoints[Math.floorMod(start + i, endpoints.length)];
            if (usable.test(endpoint)) {
                return endpoint;
            }
        }
        return null;
    }
}

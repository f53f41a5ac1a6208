package io.legate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.routing.LoadBalancer.Policy;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BalancerTest {

    private static List<Endpoint> endpoints(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Endpoint(new InetSocketAddress("10.0.0." + (i + 1), 50051)))
                .toList();
    }

    private static Map<Endpoint, Integer> spread(Balancer balancer, int calls, boolean keyed) {
        Map<Endpoint, Integer> counts = new HashMap<>();
        for (int i = 0; i < calls; i++) {
            counts.merge(balancer.pick(keyed ? "user-" + i : null, e -> true), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobinGivesEachEndpointTheSameShare() {
        List<Endpoint> three = endpoints(3);
        Map<Endpoint, Integer> counts = spread(Balancer.of(Policy.ROUND_ROBIN, three), 3000, false);
        three.forEach(e -> assertEquals(1000, counts.get(e)));
    }

    @Test
    void roundRobinPassesOverEndpointsThatAreNotUsable() {
        List<Endpoint> three = endpoints(3);
        Balancer balancer = Balancer.of(Policy.ROUND_ROBIN, three);
        for (int i = 0; i < 10; i++) {
            assertNotEquals(three.get(1), balancer.pick(null, e -> e != three.get(1)));
        }
    }

    @Test
    void leastRequestPrefersTheEndpointWithFewerCallsInFlight() {
        List<Endpoint> two = endpoints(2);
        for (int i = 0; i < 10; i++) {
            two.get(0).started();
        }
        Map<Endpoint, Integer> counts = spread(Balancer.of(Policy.LEAST_REQUEST, two), 1000, false);
        assertTrue(counts.getOrDefault(two.get(1), 0) >= 700, "picks: " + counts);
    }

    @Test
    void ringHashSendsOneKeyToOneEndpoint() {
        Balancer balancer = Balancer.of(Policy.RING_HASH, endpoints(3));
        Endpoint first = balancer.pick("user-42", e -> true);
        for (int i = 0; i < 100; i++) {
            assertEquals(first, balancer.pick("user-42", e -> true));
        }
    }

    @Test
    void ringHashMovesOnlyTheKeysOfAnEndpointThatLeaves() {
        List<Endpoint> three = endpoints(3);
        Balancer all = Balancer.of(Policy.RING_HASH, three);
        Balancer two = Balancer.of(Policy.RING_HASH, three.subList(0, 2));
        for (int i = 0; i < 1000; i++) {
            Endpoint before = all.pick("user-" + i, e -> true);
            if (before != three.get(2)) {
                assertEquals(before, two.pick("user-" + i, e -> true), "user-" + i + " moved");
            }
        }
    }

    @Test
    void ringHashSpreadsKeysOverEveryEndpoint() {
        List<Endpoint> three = endpoints(3);
        Map<Endpoint, Integer> counts = spread(Balancer.of(Policy.RING_HASH, three), 3000, true);
        three.forEach(e -> assertTrue(counts.getOrDefault(e, 0) > 600, "keys: " + counts));
    }

    @Test
    void maglevSendsOneKeyToOneEndpointAndSpreadsKeysEvenly() {
        List<Endpoint> three = endpoints(3);
        Balancer balancer = Balancer.of(Policy.MAGLEV, three);
        assertEquals(balancer.pick("user-7", e -> true), balancer.pick("user-7", e -> true));
        Map<Endpoint, Integer> counts = spread(balancer, 3000, true);
        three.forEach(e -> assertTrue(Math.abs(counts.getOrDefault(e, 0) - 1000) <= 150, "keys: " + counts));
    }

    @Test
    void aHashingPolicyMovesAKeyWhoseEndpointIsNotUsable() {
        List<Endpoint> three = endpoints(3);
        Balancer balancer = Balancer.of(Policy.MAGLEV, three);
        Endpoint usual = balancer.pick("user-7", e -> true);
        Endpoint other = balancer.pick("user-7", e -> e != usual);
        assertNotNull(other);
        assertNotEquals(usual, other);
    }
}

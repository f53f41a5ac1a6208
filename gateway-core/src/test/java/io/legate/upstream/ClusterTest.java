package io.legate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.routing.CircuitBreakers;
import io.legate.routing.EndpointSource;
import io.legate.routing.LoadBalancer;
import io.legate.routing.Upstream;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterTest {

    private static final InetSocketAddress A = new InetSocketAddress("10.0.0.1", 50051);
    private static final InetSocketAddress B = new InetSocketAddress("10.0.0.2", 50051);

    private static Cluster cluster(CircuitBreakers breakers, InetSocketAddress... addresses) {
        Cluster cluster = new Cluster(new Clusters.Key(new Upstream("http", "greeter", 50051), null, true,
                EndpointSource.DNS, LoadBalancer.ROUND_ROBIN, List.of(), breakers), new Breakers(breakers),
                ActiveHealth.NONE);
        cluster.endpoints(List.of(addresses), null);
        return cluster;
    }

    private static void failToConnect(Endpoint endpoint, int times) {
        for (int i = 0; i < times; i++) {
            endpoint.started();
            endpoint.failed(true);
            endpoint.ended();
        }
    }

    @Test
    void anEndpointFailingToConnectFiveTimesInARowLeavesRotation() {
        Cluster cluster = cluster(CircuitBreakers.NONE, A, B);
        Endpoint a = cluster.endpoints().get(0);
        failToConnect(a, Endpoint.EJECT_AFTER);
        for (int i = 0; i < 10; i++) {
            assertNotEquals(a, cluster.pick(null, List.of()));
        }
        assertEquals(1, a.ejections());
    }

    @Test
    void anAnswerBetweenFailuresKeepsTheEndpointInRotation() {
        Cluster cluster = cluster(CircuitBreakers.NONE, A, B);
        Endpoint a = cluster.endpoints().get(0);
        failToConnect(a, Endpoint.EJECT_AFTER - 1);
        a.answered();
        failToConnect(a, Endpoint.EJECT_AFTER - 1);
        Set<Endpoint> picked = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            picked.add(cluster.pick(null, List.of()));
        }
        assertTrue(picked.contains(a));
    }

    @Test
    void whenEveryEndpointIsOutOfRotationAllAreTried() {
        Cluster cluster = cluster(CircuitBreakers.NONE, A, B);
        cluster.endpoints().forEach(e -> failToConnect(e, Endpoint.EJECT_AFTER));
        assertTrue(cluster.endpoints().contains(cluster.pick(null, List.of())));
    }

    @Test
    void aRetryGoesToAnotherEndpointWhenThereIsOne() {
        Cluster cluster = cluster(CircuitBreakers.NONE, A, B);
        Endpoint first = cluster.pick(null, List.of());
        for (int i = 0; i < 10; i++) {
            assertNotEquals(first, cluster.pick(null, List.of(first)));
        }
    }

    @Test
    void endpointsKeptAcrossAChangeKeepWhatIsKnownOfThem() {
        Cluster cluster = cluster(CircuitBreakers.NONE, A);
        Endpoint a = cluster.endpoints().get(0);
        cluster.endpoints(List.of(A, B), null);
        assertSame(a, cluster.endpoints().get(0));
        assertEquals(2, cluster.endpoints().size());
    }

    @Test
    void noEndpointsPicksNoneAndSaysWhy() {
        Cluster cluster = cluster(CircuitBreakers.NONE);
        cluster.endpoints(List.of(), "no endpoints: Endpoints greeter does not exist or lists no address");
        assertNull(cluster.pick(null, List.of()));
        assertTrue(cluster.noEndpoints().contains("Endpoints greeter"));
    }

    @Test
    void maxRequestsRefusesTheCallOverTheLimitNamingIt() {
        Cluster cluster = cluster(new CircuitBreakers(1024, 1024, 2, 3), A);
        assertNull(cluster.admit());
        assertNull(cluster.admit());
        assertEquals("circuit breaker max_requests (2) reached", cluster.admit());
        cluster.ended();
        assertNull(cluster.admit());
    }
}

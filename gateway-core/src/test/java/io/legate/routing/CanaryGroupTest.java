package io.legate.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.legate.hostname.HostMatcher;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which routes form a canary group, and how their weights share its requests. */
class CanaryGroupTest {

    private static final RouteAction ACTION = new RouteAction(new Upstream("http", "127.0.0.1", 8080),
            false, 3000, 300000, 3000, null, List.of(), List.of(), List.of(), List.of());

    @Test
    void routesWithTheSameConditionsFormAGroupAndOthersStandAlone() {
        List<Route> routes = List.of(
                weighted("canary", "/api/", 10),
                weighted("stable", "/api/", -1),
                weighted("exact", PathMatcher.exact("/api/"), 50),
                weighted("other-host", "/api/", HostMatcher.glob("*.example.com"), 50),
                weighted("post", new Route("post", 0, PathMatcher.prefix("/api/"), HostMatcher.ANY, "POST",
                        PathRewrite.KEEP, ACTION), 10));

        CanaryGroup[] groups = CanaryGroup.of(routes);

        assertSame(groups[0], groups[1]);
        assertNull(groups[2]);
        assertNull(groups[3]);
        assertNull(groups[4]);
    }

    @Test
    void differentPluginSettingsMakeDifferentGroups() {
        record Tenant(String name) {
        }
        Route a = withSettings("a", Map.of(Tenant.class, new Tenant("a")));
        Route b = withSettings("b", Map.of(Tenant.class, new Tenant("b")));
        Route b2 = withSettings("b2", Map.of(Tenant.class, new Tenant("b")));

        CanaryGroup[] groups = CanaryGroup.of(List.of(a, b, b2));

        assertNull(groups[0]);
        assertSame(groups[1], groups[2]);
    }

    @Test
    void weightsArePercentagesAndTheUnweightedShareTheRestEqually() {
        List<Route> routes = List.of(weighted("a", "/", -1), weighted("b", "/", 20), weighted("c", "/", -1));

        assertArrayEquals(new int[] {40, 20, 40}, shares(routes));
    }

    @Test
    void weightsUnder100WithNoUnweightedRouteLetTheRestGoPast() {
        int[] shares = shares(List.of(weighted("a", "/", 10), weighted("b", "/", 30)));

        assertArrayEquals(new int[] {10, 30}, shares);
    }

    @Test
    void routesWithoutWeightsShareEqually() {
        assertArrayEquals(new int[] {50, 50}, shares(List.of(weighted("a", "/", -1), weighted("b", "/", -1))));
    }

    @Test
    void aWeightOfZeroGetsNothing() {
        assertArrayEquals(new int[] {0, 100}, shares(List.of(weighted("a", "/", 0), weighted("b", "/", -1))));
    }

    @Test
    void routesPast100GetNothing() {
        assertArrayEquals(new int[] {80, 20, 0}, shares(List.of(weighted("a", "/", 80), weighted("b", "/", 40),
                weighted("c", "/", 10))));
    }

    @Test
    void theGroupsFirstRouteDrawsForAllOfThem() {
        CanaryGroup[] groups = CanaryGroup.of(List.of(weighted("x", "/x/", -1), weighted("a", "/", 10),
                weighted("b", "/", 90)));

        assertEquals(1, groups[1].first());
    }

    /** How many of 100 requests, drawn at each percent, each route gets; the rest went past the group. */
    private static int[] shares(List<Route> routes) {
        CanaryGroup group = CanaryGroup.of(routes)[0];
        int[] counts = new int[routes.size()];
        IntStream.range(0, 100).map(group::pick).filter(i -> i >= 0).forEach(i -> counts[i]++);
        return counts;
    }

    private static Route weighted(String name, String prefix, int weight) {
        return weighted(name, PathMatcher.prefix(prefix), weight);
    }

    private static Route weighted(String name, PathMatcher path, int weight) {
        return weighted(name, new Route(name, 0, path, HostMatcher.ANY, null, PathRewrite.KEEP, ACTION), weight);
    }

    private static Route weighted(String name, String prefix, HostMatcher host, int weight) {
        return weighted(name, new Route(name, 0, PathMatcher.prefix(prefix), host, null, PathRewrite.KEEP, ACTION),
                weight);
    }

    private static Route weighted(String name, Route route, int weight) {
        return new Route(name, route.precedence(), route.path(), route.host(), route.method(), route.rewrite(),
                route.action(), route.conditions(), route.plugins(), null,
                weight < 0 ? OptionalInt.empty() : OptionalInt.of(weight));
    }

    private static Route withSettings(String name, Map<Class<? extends Record>, Record> settings) {
        return new Route(name, 0, PathMatcher.prefix("/"), HostMatcher.ANY, null, PathRewrite.KEEP, ACTION,
                List.of(), settings, null, OptionalInt.empty());
    }
}

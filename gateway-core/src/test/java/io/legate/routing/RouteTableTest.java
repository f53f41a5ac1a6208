package io.legate.routing;

import io.legate.hostname.HostMatcher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final RouteAction ACTION = new RouteAction(new Upstream("http", "127.0.0.1", 8080),
            false, 3000, 300000, 3000, null, List.of(), List.of(), List.of(), List.of());

    @Test
    void longerPrefixWinsOverShorterPrefix() {
        RouteTable table = RouteTable.of(List.of(prefix("short", "/api/"), prefix("long", "/api/users/")));
        assertEquals("long", matched(table, request("/api/users/7")));
        assertEquals("short", matched(table, request("/api/orders/7")));
    }

    @Test
    void rootPrefixDoesNotShadowAGrpcService() {
        RouteTable table = RouteTable.of(List.of(prefix("root", "/"), prefix("grpc", "/helloworld.Greeter/")));
        assertEquals("grpc", matched(table, request("/helloworld.Greeter/SayHello")));
        assertEquals("root", matched(table, request("/index.html")));
    }

    @Test
    void higherPrecedenceBeatsLongerPrefix() {
        Route important = new Route("important", 10, PathMatcher.prefix("/"), HostMatcher.ANY, null, PathRewrite.KEEP, ACTION);
        RouteTable table = RouteTable.of(List.of(prefix("long", "/api/users/"), important));
        assertEquals("important", matched(table, request("/api/users/7")));
    }

    @Test
    void moreConstraintsWinAtEqualPrefixLength() {
        Route onHost = new Route("on-host", 0, PathMatcher.prefix("/api/"), HostMatcher.glob("api.example.com"), null,
                PathRewrite.KEEP, ACTION);
        RouteTable table = RouteTable.of(List.of(prefix("any-host", "/api/"), onHost));
        assertEquals("on-host", matched(table, request("api.example.com", "/api/x")));
        assertEquals("any-host", matched(table, request("www.example.com", "/api/x")));
    }

    @Test
    void tiesAreBrokenByNameWhateverTheLoadOrder() {
        Route a = prefix("a", "/x/");
        Route b = prefix("b", "/x/");
        assertEquals(List.of("a", "b"), names(RouteTable.of(List.of(b, a))));
        assertEquals(List.of("a", "b"), names(RouteTable.of(List.of(a, b))));
    }

    @Test
    void hostnameGlobSelectsTheRoute() {
        Route wildcard = new Route("wildcard", 0, PathMatcher.prefix("/"), HostMatcher.glob("*.example.com"), null,
                PathRewrite.KEEP, ACTION);
        RouteTable table = RouteTable.of(List.of(wildcard));
        assertEquals("wildcard", matched(table, request("a.b.EXAMPLE.com", "/")));
        assertNull(matched(table, request("example.org", "/")));
    }

    @Test
    void methodMatchesExactlyAndCaseSensitively() {
        Route post = new Route("post", 0, PathMatcher.prefix("/"), HostMatcher.ANY, "POST", PathRewrite.KEEP, ACTION);
        RouteTable table = RouteTable.of(List.of(post));
        assertEquals("post", matched(table, new RequestFacts("POST", "http", "h", "/x", h -> null)));
        assertNull(matched(table, new RequestFacts("GET", "http", "h", "/x", h -> null)));
        assertNull(matched(table, new RequestFacts("post", "http", "h", "/x", h -> null)));
    }

    @Test
    void prefixRegexMustMatchTheWholePath() {
        RouteTable table = RouteTable.of(List.of(route("regex", PathMatcher.regex("/users/[0-9]+"))));
        assertEquals("regex", matched(table, request("/users/42")));
        assertNull(matched(table, request("/users/42/orders")));
    }

    @Test
    void prefixExactMatchesOnlyThatPath() {
        RouteTable table = RouteTable.of(List.of(route("exact", PathMatcher.exact("/healthz"))));
        assertEquals("exact", matched(table, request("/healthz")));
        assertNull(matched(table, request("/healthz/deep")));
    }

    @Test
    void pathMatchIsCaseSensitive() {
        RouteTable table = RouteTable.of(List.of(prefix("grpc", "/helloworld.Greeter/")));
        assertNull(matched(table, request("/HelloWorld.Greeter/SayHello")));
    }

    @Test
    void noMatchingRouteGivesEmpty() {
        RouteTable table = RouteTable.of(List.of(prefix("api", "/api/")));
        assertTrue(table.match(request("/other")).isEmpty());
        assertTrue(RouteTable.empty().match(request("/")).isEmpty());
    }

    @Test
    void matchCarriesTheRewrittenUpstreamPath() {
        Route rewritten = new Route("r", 0, PathMatcher.prefix("/foo/"), HostMatcher.ANY, null,
                PathRewrite.replacePrefix("/foo/", "/"), ACTION);
        RouteMatch match = RouteTable.of(List.of(rewritten)).match(request("/foo/bar")).orElseThrow();
        assertEquals("/bar", match.upstreamPath());
        assertEquals(ACTION, match.route().action());
    }

    private static Route prefix(String name, String prefix) {
        return route(name, PathMatcher.prefix(prefix));
    }

    private static Route route(String name, PathMatcher path) {
        return new Route(name, 0, path, HostMatcher.ANY, null, PathRewrite.KEEP, ACTION);
    }

    private static RequestFacts request(String path) {
        return request("localhost:8080", path);
    }

    private static RequestFacts request(String authority, String path) {
        return new RequestFacts("GET", "http", authority, path, h -> null);
    }

    private static String matched(RouteTable table, RequestFacts request) {
        return table.match(request).map(m -> m.route().name()).orElse(null);
    }

    private static List<String> names(RouteTable table) {
        return table.routes().stream().map(Route::name).toList();
    }
}

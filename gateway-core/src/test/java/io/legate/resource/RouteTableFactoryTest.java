package io.legate.resource;

import io.legate.snapshot.RouteTableFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.pluginhost.PluginRegistry;
import io.legate.routing.HeaderValue;
import io.legate.routing.RequestFacts;
import io.legate.routing.Route;
import io.legate.routing.RouteAction;
import io.legate.routing.RouteMatch;
import io.legate.routing.RouteTable;
import io.legate.testing.FailingPlugin;
import io.legate.testing.Resources;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableFactoryTest {

    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void absentRewriteIsSlashAsInEmissary() {
        RouteTable table = table("prefix: /foo/");

        assertEquals("/bar", upstreamPath(table, "/foo/bar"));
    }

    @Test
    void absentRewriteOfTheWholePrefixGivesRoot() {
        assertEquals("/", upstreamPath(table("prefix: /foo"), "/foo"));
    }

    @Test
    void grpcWithoutRewriteKeepsThePath() {
        RouteTable table = table("prefix: /helloworld.Greeter/\ngrpc: true");

        assertEquals("/helloworld.Greeter/SayHello", upstreamPath(table, "/helloworld.Greeter/SayHello"));
    }

    @Test
    void rewriteEqualToPrefixKeepsThePath() {
        RouteTable table = table("prefix: /helloworld.Greeter/\nrewrite: /helloworld.Greeter/\ngrpc: True");

        assertEquals("/helloworld.Greeter/SayHello", upstreamPath(table, "/helloworld.Greeter/SayHello"));
    }

    @Test
    void emptyRewriteKeepsThePath() {
        assertEquals("/foo/bar", upstreamPath(table("prefix: /foo/\nrewrite: \"\""), "/foo/bar"));
    }

    @Test
    void regexRewriteWithAGroupWinsOverRewrite() {
        RouteTable table = table("""
                prefix: /service/
                rewrite: /ignored/
                regex_rewrite:
                  pattern: '^/service/([^/]+)(/.*)$'
                  substitution: '\\2/instance/\\1'
                """);

        assertEquals("/v1/api/instance/foo", upstreamPath(table, "/service/foo/v1/api"));
    }

    @Test
    void prefixRegexRoutesAndRewriteReplacesTheWholePath() {
        RouteTable table = table("prefix: '/users/[0-9]+'\nprefix_regex: true\nrewrite: /user");

        assertEquals("/user", upstreamPath(table, "/users/42"));
        assertTrue(match(table, "h", "/users/x").isEmpty());
    }

    @Test
    void prefixExactRoutesOnlyThatPath() {
        RouteTable table = table("prefix: /healthz\nprefix_exact: true\nrewrite: /ready");

        assertEquals("/ready", upstreamPath(table, "/healthz"));
        assertTrue(match(table, "h", "/healthz/x").isEmpty());
    }

    @Test
    void httpTimeoutsDefaultToEmissarysValues() {
        RouteAction action = action(table("prefix: /"));

        assertEquals(3_000, action.timeoutMs());
        assertEquals(300_000, action.idleTimeoutMs());
        assertEquals(3_000, action.connectTimeoutMs());
    }

    @Test
    void grpcHasNoRequestOrIdleTimeoutUnlessSet() {
        RouteAction action = action(table("prefix: /\ngrpc: true"));

        assertEquals(0, action.timeoutMs());
        assertEquals(0, action.idleTimeoutMs());
        assertEquals(3_000, action.connectTimeoutMs());
    }

    @Test
    void theModulesClusterRequestTimeoutIsTheTimeoutOfHttpMappingsThatSetNone() {
        RouteTable table = build(Resources.ambassadorModule("cluster_request_timeout_ms: 9000")
                + "---\n" + mapping("plain", "prefix: /a/\nservice: backend")
                + "---\n" + mapping("own", "prefix: /b/\nservice: backend\ntimeout_ms: 100")
                + "---\n" + mapping("rpc", "prefix: /c/\nservice: backend\ngrpc: true"));

        assertEquals(9_000, match(table, "h", "/a/x").orElseThrow().route().action().timeoutMs());
        assertEquals(100, match(table, "h", "/b/x").orElseThrow().route().action().timeoutMs());
        assertEquals(0, match(table, "h", "/c/x").orElseThrow().route().action().timeoutMs());
    }

    @Test
    void aNegativeClusterRequestTimeoutIsAnError() {
        LoadResult result = loader.parse("m.yaml", Resources.ambassadorModule("cluster_request_timeout_ms: -1"));

        assertEquals("spec.config.cluster_request_timeout_ms: -1 (expected: >= 0)",
                result.errors().get(0).field() + ": " + result.errors().get(0).message());
    }

    @Test
    void timeoutsThatAreSetAreKept() {
        RouteAction action = action(table("prefix: /\ngrpc: true\ntimeout_ms: 0\nidle_timeout_ms: 60000\nconnect_timeout_ms: 500"));

        assertEquals(0, action.timeoutMs());
        assertEquals(60_000, action.idleTimeoutMs());
        assertEquals(500, action.connectTimeoutMs());
    }

    @Test
    void hostIsIgnoredWhenHostnameIsSet() {
        RouteTable table = table("prefix: /\nhostname: \"*\"\nhost: api.example.com");

        assertTrue(match(table, "other.example.com", "/").isPresent());
    }

    @Test
    void hostAloneRoutesOnThatExactHost() {
        RouteTable table = table("prefix: /\nhost: API.example.com");

        assertTrue(match(table, "api.example.com", "/").isPresent());
        assertTrue(match(table, "other.example.com", "/").isEmpty());
    }

    @Test
    void hostRegexRoutesOnMatchingHosts() {
        RouteTable table = table("prefix: /\nhost: 'api[0-9]+\\.example\\.com'\nhost_regex: true");

        assertTrue(match(table, "api7.example.com", "/").isPresent());
        assertTrue(match(table, "api.example.com", "/").isEmpty());
    }

    @Test
    void methodAndHeaderChangesReachTheRoute() {
        RouteTable table = table("prefix: /\nmethod: POST\nadd_response_headers:\n  x-served-by: legate\nhost_rewrite: backend");

        RouteAction action = action(table);
        assertEquals("POST", table.routes().get(0).method());
        assertEquals(List.of(new HeaderValue("x-served-by", "legate", true)), action.addResponseHeaders());
        assertEquals("backend", action.hostRewrite());
    }

    @Test
    void onlyMappingsBecomeRoutes() {
        LoadResult result = loader.parse("a.yaml", mapping("m", "prefix: /\nservice: backend") + """
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Host
                metadata:
                  name: h
                spec:
                  hostname: "*"
                """);

        assertEquals(2, result.resources().size(), () -> result.problems().toString());
        RouteTable table = RouteTableFactory.build(result.resources(), PluginRegistry.classPath());
        assertEquals(List.of("m"), table.routes().stream().map(Route::name).toList());
    }

    @Test
    void aMappingWhosePluginCannotMakeItsRouteConditionRefusesItsRequestsNamingIt() {
        PluginRegistry plugins = PluginRegistry.of(new FailingPlugin());
        LoadResult result = new ResourceLoader(plugins).parse("m.yaml", mapping("m", "prefix: /\nservice: backend")
                + "---\n" + mapping("guarded", "prefix: /guarded/\nservice: backend\nplugins: {failing: {}}"));

        RouteTable table = RouteTableFactory.build(result.resources(), plugins);

        assertEquals("plugin 'failing' failed to make its route condition: java.lang.IllegalStateException:"
                + " no rules", table.routes().get(0).unavailable());
        assertEquals(null, table.routes().get(1).unavailable());
    }

    private RouteTable table(String spec) {
        return build(mapping("m", spec + "\nservice: backend:8080"));
    }

    private RouteTable build(String yaml) {
        LoadResult result = loader.parse("m.yaml", yaml);
        assertEquals(List.of(), result.errors());
        return RouteTableFactory.build(result.resources(), PluginRegistry.classPath());
    }

    private static String mapping(String name, String spec) {
        return """
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: %s
                spec:
                """.formatted(name) + spec.indent(2);
    }

    private static RouteAction action(RouteTable table) {
        return table.routes().get(0).action();
    }

    private static Optional<RouteMatch> match(RouteTable table, String authority, String path) {
        return table.match(new RequestFacts("POST", "http", authority, path, h -> null));
    }

    private static String upstreamPath(RouteTable table, String path) {
        return match(table, "localhost:8080", path).orElseThrow().upstreamPath();
    }
}

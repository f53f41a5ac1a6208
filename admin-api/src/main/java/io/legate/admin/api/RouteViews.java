package io.legate.admin.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legate.hostname.HostMatcher;
import io.legate.routing.PathMatcher;
import io.legate.routing.RequestFacts;
import io.legate.routing.Route;
import io.legate.routing.RouteAction;

/** Routes and their conditions in words, for {@code /api/v1/routes}. */
final class RouteViews {

    private RouteViews() {
    }

    static ObjectNode view(Route route) {
        RouteAction action = route.action();
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("name", route.name())
                .put("precedence", route.precedence())
                .put("path", path(route.path()))
                .put("hostname", host(route.host()))
                .put("method", route.method())
                .put("rewrite", route.rewrite().toString())
                .put("service", action.upstream().origin())
                .put("grpc", action.grpc())
                .put("timeout_ms", action.timeoutMs())
                .put("idle_timeout_ms", action.idleTimeoutMs())
                .put("connect_timeout_ms", action.connectTimeoutMs());
        if (route.unavailable() != null) {
            node.put("unavailable", route.unavailable());
        }
        return node;
    }

    /** Why {@code route} does not take {@code request}, or null when it does. */
    static String mismatch(Route route, RequestFacts request) {
        if (route.method() != null && !route.method().equals(request.method())) {
            return "method " + request.method() + " is not " + route.method();
        }
        if (!route.path().matches(request.path())) {
            return "path " + request.path() + " does not match " + path(route.path());
        }
        if (!route.host().matches(request.authority())) {
            return "authority " + request.authority() + " does not match hostname " + host(route.host());
        }
        return null;
    }

    private static String path(PathMatcher path) {
        if (path instanceof PathMatcher.Exact) {
            return "exact " + path.text();
        }
        return (path instanceof PathMatcher.Regex ? "regex " : "prefix ") + path.text();
    }

    private static String host(HostMatcher host) {
        if (host instanceof HostMatcher.Exact exact) {
            return exact.host();
        }
        if (host instanceof HostMatcher.Suffix suffix) {
            return "*" + suffix.suffix();
        }
        if (host instanceof HostMatcher.Prefix prefix) {
            return prefix.prefix() + "*";
        }
        if (host instanceof HostMatcher.Regex regex) {
            return "regex " + regex.pattern().pattern();
        }
        return "*";
    }
}

package io.legate.routing;

import io.legate.hostname.HostMatcher;
import io.legate.plugin.RouteCondition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One route of the table, built from a Mapping: its conditions, its rewrite and its action.
 *
 * @param name       the Mapping's name
 * @param precedence Emissary's {@code precedence}; higher is tried first
 * @param method     the exact, case-sensitive method required, or null for any
 * @param conditions what plugins require of a request besides (header routing, ...)
 * @param plugins    the Mapping's plugin settings, by their record type, for the filters to read
 * @param unavailable why its requests are refused with 503 (gRPC 14) instead of forwarded, or null when it serves:
 *                   a plugin it needs is not loaded or failed, and it is never served without it
 * @param weight     Emissary's {@code weight}: the percentage of requests it gets among the routes of its canary
 *                   group (same path, host, method, precedence and plugin settings), if it says one
 */
public record Route(
        String name,
        int precedence,
        PathMatcher path,
        HostMatcher host,
        String method,
        PathRewrite rewrite,
        RouteAction action,
        List<RouteCondition> conditions,
        Map<Class<? extends Record>, Record> plugins,
        String unavailable,
        OptionalInt weight) {

    /** A route with no plugin condition nor setting, nor weight. */
    public Route(String name, int precedence, PathMatcher path, HostMatcher host, String method, PathRewrite rewrite,
                 RouteAction action) {
        this(name, precedence, path, host, method, rewrite, action, List.of(), Map.of(), null, OptionalInt.empty());
    }

    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rewrite, "rewrite");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(weight, "weight");
        conditions = List.copyOf(conditions);
        plugins = Map.copyOf(plugins);
    }

    /** Whether every condition holds; the query string is not part of {@code request.path()}. */
    public boolean matches(RequestFacts request) {
        return (method == null || method.equals(request.method()))
                && path.matches(request.path())
                && host.matches(request.authority())
                && conditionsHold(request);
    }

    private boolean conditionsHold(RequestFacts request) {
        for (RouteCondition condition : conditions) {
            if (!condition.matches(request)) {
                return false;
            }
        }
        return true;
    }

    /** The Mapping's settings of type {@code type}, if it has them. */
    public <T extends Record> Optional<T> settings(Class<T> type) {
        return Optional.ofNullable(type.cast(plugins.get(type)));
    }

    /** How many conditions besides the path this route has; more makes it more specific. */
    public int constraintCount() {
        return (host.constrains() ? 1 : 0) + (method == null ? 0 : 1)
                + conditions.stream().mapToInt(RouteCondition::specificity).sum();
    }
}

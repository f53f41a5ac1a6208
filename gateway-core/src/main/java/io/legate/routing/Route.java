package io.legate.routing;

import java.util.Objects;

/**
 * One route of the table, built from a Mapping: its conditions, its rewrite and its action.
 *
 * @param name       the Mapping's name
 * @param precedence Emissary's {@code precedence}; higher is tried first
 * @param method     the exact, case-sensitive method required, or null for any
 */
public record Route(
        String name,
        int precedence,
        PathMatcher path,
        HostMatcher host,
        String method,
        PathRewrite rewrite,
        RouteAction action) {

    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rewrite, "rewrite");
        Objects.requireNonNull(action, "action");
    }

    /** Whether every condition holds; the query string is not part of {@code request.path()}. */
    public boolean matches(RequestFacts request) {
        return (method == null || method.equals(request.method()))
                && path.matches(request.path())
                && host.matches(request.authority());
    }

    /** How many conditions besides the path this route has; more makes it more specific. */
    public int constraintCount() {
        return (host.constrains() ? 1 : 0) + (method == null ? 0 : 1);
    }
}

package io.legate.routing;

/** A matched route and the path to send upstream after {@code rewrite}/{@code regex_rewrite}. */
public record RouteMatch(Route route, String upstreamPath) {
}

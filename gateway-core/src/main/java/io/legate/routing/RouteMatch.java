package io.legate.routing;

/**
 * A matched route and the path to send upstream after {@code rewrite}/{@code regex_rewrite}.
 *
 * @param position the route's index in its table's match order, by which what is bound to the table's routes
 *                 (their metrics) is found without a look-up
 */
public record RouteMatch(Route route, String upstreamPath, int position) {
}

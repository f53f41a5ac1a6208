package io.legate.routing;

/**
 * One route of the table, built from a Mapping.
 * (Matching fields are added by the routing implementation.)
 */
public record Route(String name, RouteAction action) {
}

package io.legate.routing;

import java.util.function.Function;

/**
 * The parts of a request that routing looks at.
 *
 * @param path    the request path without the query string, as sent (not decoded)
 * @param headers header lookup by lower-case name (first value), null when absent
 */
public record RequestFacts(String method, String scheme, String authority, String path, Function<String, String> headers) {
}

package io.legate.routing;

import io.legate.plugin.RequestHead;
import java.util.function.Function;

/**
 * The parts of a request that routing looks at.
 *
 * @param path    the request path without the query string, as sent (not decoded)
 * @param query   the query string, or null
 * @param headers header lookup by lower-case name (first value), null when absent
 */
public record RequestFacts(String method, String scheme, String authority, String path, String query,
                           Function<String, String> headers) implements RequestHead {

    /** A request without a query string. */
    public RequestFacts(String method, String scheme, String authority, String path, Function<String, String> headers) {
        this(method, scheme, authority, path, null, headers);
    }

    @Override
    public String header(String name) {
        return switch (name) {
            case ":method" -> method;
            case ":scheme" -> scheme;
            case ":authority" -> authority;
            case ":path" -> query == null ? path : path + "?" + query;
            default -> headers.apply(name);
        };
    }
}

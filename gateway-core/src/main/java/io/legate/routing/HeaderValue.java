package io.legate.routing;

/** A header to add to a request or response; {@code append=false} replaces existing values. */
public record HeaderValue(String name, String value, boolean append) {
}

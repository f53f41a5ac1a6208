package io.legate.plugin;

/**
 * The method, target and headers of a request, as HTTP/2 names them whatever the caller's protocol: the
 * pseudo-headers {@code :method}, {@code :scheme}, {@code :authority} (the {@code Host} header of an HTTP/1.1
 * request) and {@code :path} (with the query string), and the other headers by name, case-insensitively.
 */
@FunctionalInterface
public interface RequestHead {

    /** The value of {@code name} (its first, for a repeated header), or null when absent. */
    String header(String name);
}

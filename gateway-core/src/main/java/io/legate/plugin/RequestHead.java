package io.legate.plugin;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The method, target and headers of a request, as HTTP/2 names them whatever the caller's protocol: the
 * pseudo-headers {@code :method}, {@code :scheme}, {@code :authority} (the {@code Host} header of an HTTP/1.1
 * request) and {@code :path} (with the query string), and the other headers by name, case-insensitively.
 */
public interface RequestHead {

    /** The value of {@code name} (its first, for a repeated header), or null when absent. */
    String header(String name);

    /** The caller's request as the servlet container sees it, before any filter changed it: read it, never wrap it. */
    HttpServletRequest servletRequest();
}

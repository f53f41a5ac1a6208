package io.legate.plugins.grpcweb;

/**
 * A {@code cors} policy as written in a Module or a Mapping. Emissary accepts {@code origins}, {@code methods},
 * {@code headers} and {@code exposed_headers} either as a list or as one comma-separated string, and
 * {@code max_age} as a number or a string of digits, so those components take whatever the document holds;
 * {@link CorsPolicy#of} reads them into their typed form and {@link CorsPolicy#problems} names what it cannot read.
 *
 * @param origins        the allowed origins, {@code *} for any
 * @param methods        the methods a preflight allows; when absent, the one it asks for
 * @param headers        the request headers a preflight allows; when absent, those it asks for
 * @param credentials    whether the browser may send credentials
 * @param exposedHeaders the response headers the page may read
 * @param maxAge         how many seconds the browser may cache a preflight's answer
 */
public record CorsSettings(Object origins, Object methods, Object headers, boolean credentials, Object exposedHeaders,
                           Object maxAge) {
}

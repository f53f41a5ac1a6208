package io.legate.plugins.authservice;

import io.legate.plugin.Exchange;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the authorization service is told about one request: its method, scheme, authority and path, the caller's
 * headers it may see (lower-case names), the addresses of the connection, and the Mapping's context extensions.
 */
record AuthRequest(
        String method,
        String scheme,
        String authority,
        String path,
        Map<String, String> headers,
        InetSocketAddress source,
        InetSocketAddress destination,
        Map<String, String> contextExtensions) {

    /**
     * The request of {@code exchange}, with those of {@code headerNames} it has. {@code x-forwarded-for} ends
     * with the caller's address and {@code x-forwarded-proto} defaults to the scheme, as Envoy sets them before
     * asking.
     */
    static AuthRequest of(Exchange exchange, List<String> headerNames, Map<String, String> contextExtensions) {
        InetSocketAddress source = exchange.connection().remoteAddress();
        String scheme = exchange.header(":scheme");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : headerNames) {
            String value = exchange.header(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        String caller = source.getAddress().getHostAddress();
        headers.merge("x-forwarded-for", caller, (forwarded, address) -> forwarded + ", " + address);
        headers.putIfAbsent("x-forwarded-proto", scheme);
        return new AuthRequest(exchange.header(":method"), scheme, exchange.header(":authority"),
                exchange.header(":path"), Map.copyOf(headers), source, exchange.connection().localAddress(),
                contextExtensions == null ? Map.of() : Map.copyOf(contextExtensions));
    }
}

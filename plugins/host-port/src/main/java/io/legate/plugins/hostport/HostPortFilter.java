package io.legate.plugins.hostport;

import io.legate.plugin.Chain;
import io.legate.plugin.Exchange;
import io.legate.plugin.GatewayFilter;

/**
 * Strips the port from {@code :authority} before the request is routed: any port, or only the port of the listener
 * that took the connection (Envoy's {@code strip_any_host_port} and {@code strip_matching_host_port}).
 */
final class HostPortFilter implements GatewayFilter {

    private static final String AUTHORITY = ":authority";

    private final boolean anyPort;

    private HostPortFilter(boolean anyPort) {
        this.anyPort = anyPort;
    }

    static HostPortFilter stripAny() {
        return new HostPortFilter(true);
    }

    static HostPortFilter stripMatching() {
        return new HostPortFilter(false);
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        String authority = exchange.header(AUTHORITY);
        if (authority != null) {
            int port = Authority.port(authority);
            if (port != Authority.NO_PORT && (anyPort || port == exchange.connection().localAddress().getPort())) {
                exchange.setHeader(AUTHORITY, Authority.withoutPort(authority));
            }
        }
        chain.proceed();
    }

    @Override
    public String toString() {
        return anyPort ? HostPortFactory.STRIP_ANY : HostPortFactory.STRIP_MATCHING;
    }
}

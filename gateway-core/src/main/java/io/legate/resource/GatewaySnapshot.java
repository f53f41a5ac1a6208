package io.legate.resource;

import io.legate.routing.InsecurePolicies;
import io.legate.routing.RouteTable;
import io.legate.tls.ServerTls;
import java.util.List;

/**
 * Everything the traffic listeners serve from the resources, built at once and swapped at once: the routes, the
 * cleartext policies of the Hosts, and the certificates of the TLS listener.
 */
public record GatewaySnapshot(RouteTable routes, InsecurePolicies insecure, ServerTls tls) {

    public static final GatewaySnapshot EMPTY = new GatewaySnapshot(RouteTable.empty(), InsecurePolicies.NONE, ServerTls.NONE);

    /** The snapshot of {@code resources}, which must have passed {@link ResourceValidator}. */
    public static GatewaySnapshot of(List<Resource> resources) {
        ServerTls tls = TlsFactory.serverTls(resources);
        return new GatewaySnapshot(RouteTableFactory.build(resources), TlsFactory.insecurePolicies(resources, tls.enabled()), tls);
    }

    /** Routes only: no Host, no TLS. */
    public static GatewaySnapshot of(RouteTable routes) {
        return new GatewaySnapshot(routes, InsecurePolicies.NONE, ServerTls.NONE);
    }
}

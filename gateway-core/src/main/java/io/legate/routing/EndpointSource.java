package io.legate.routing;

/** Where the endpoints of an upstream come from. */
public sealed interface EndpointSource {

    /** Emissary's default: the service host's IPv4 addresses, re-resolved every 5 s. */
    Dns DNS = new Dns(false, false);

    /**
     * Every address of the service host, re-resolved every 5 s, or as the DNS TTL says.
     *
     * @param ipv6 whether AAAA addresses are endpoints too ({@code enable_ipv6}); without it they are used only
     *             when the host has no IPv4 address
     */
    record Dns(boolean respectDnsTtl, boolean ipv6) implements EndpointSource {
    }

    /**
     * The addresses of the stored Kubernetes {@code Endpoints} resource {@code name} in {@code namespace}, for a
     * Mapping whose {@code resolver} is a {@code KubernetesEndpointResolver}.
     *
     * @param namespace null when the Mapping's service names none and the Mapping has none either
     * @param port      the port the Mapping's service names, or 0 to take each subset's first port
     */
    record Endpoints(String name, String namespace, int port) implements EndpointSource {
    }
}

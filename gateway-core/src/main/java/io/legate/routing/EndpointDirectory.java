package io.legate.routing;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The stored Kubernetes {@code Endpoints} resources of a configuration, by name and namespace: what a Mapping with a
 * {@code KubernetesEndpointResolver} sends its calls to.
 */
public final class EndpointDirectory {

    public static final EndpointDirectory EMPTY = new EndpointDirectory(Map.of());

    /** One {@code Endpoints} resource's name and namespace ({@code default} when it names none). */
    public record Name(String name, String namespace) {
    }

    /** Each address of a subset with the port of that subset, in the order written. */
    public record Subset(List<String> addresses, List<Integer> ports) {

        public Subset {
            addresses = List.copyOf(addresses);
            ports = List.copyOf(ports);
        }
    }

    private final Map<Name, List<Subset>> byName;

    private EndpointDirectory(Map<Name, List<Subset>> byName) {
        this.byName = byName;
    }

    public static EndpointDirectory of(Map<Name, List<Subset>> byName) {
        return byName.isEmpty() ? EMPTY : new EndpointDirectory(Map.copyOf(byName));
    }

    /**
     * The endpoints {@code source} names: every address of each subset with the source's port, or the subset's first
     * port when the source names none. None when the resource does not exist (yet).
     */
    public List<InetSocketAddress> addresses(EndpointSource.Endpoints source) {
        List<Subset> subsets = byName.get(new Name(source.name(),
                source.namespace() == null ? "default" : source.namespace()));
        if (subsets == null) {
            return List.of();
        }
        return subsets.stream()
                .filter(subset -> source.port() > 0 || !subset.ports().isEmpty())
                .flatMap(subset -> subset.addresses().stream().map(ip -> new InetSocketAddress(ip,
                        source.port() > 0 ? source.port() : subset.ports().get(0))))
                .distinct()
                .toList();
    }
}

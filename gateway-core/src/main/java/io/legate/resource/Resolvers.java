package io.legate.resource;

import io.legate.resource.model.ResourceKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The resolver resources of a configuration by name: what a Mapping's (or the Module's) {@code resolver} names. */
public final class Resolvers {

    /** The name Emissary gives its built-in endpoint resolver: it needs no resource. */
    public static final String ENDPOINT = "endpoint";

    private static final Set<ResourceKind> KINDS = Set.of(ResourceKind.KUBERNETES_ENDPOINT_RESOLVER,
            ResourceKind.KUBERNETES_SERVICE_RESOLVER, ResourceKind.CONSUL_RESOLVER);

    private final Map<String, ResourceKind> kindByName;

    private Resolvers(Map<String, ResourceKind> kindByName) {
        this.kindByName = kindByName;
    }

    public static Resolvers of(List<Resource> resources) {
        Map<String, ResourceKind> byName = new HashMap<>();
        resources.stream().filter(r -> KINDS.contains(r.kind())).forEach(r -> byName.put(r.name(), r.kind()));
        return new Resolvers(byName);
    }

    /** The kind of resolver {@code name} is, if it names one. */
    public Optional<ResourceKind> kind(String name) {
        ResourceKind kind = kindByName.get(name);
        if (kind == null && ENDPOINT.equals(name)) {
            return Optional.of(ResourceKind.KUBERNETES_ENDPOINT_RESOLVER);
        }
        return Optional.ofNullable(kind);
    }
}

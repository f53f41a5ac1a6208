package io.legate.resource;

import io.legate.routing.EndpointDirectory;
import java.util.List;

/** A Kubernetes-shaped {@code Endpoints}: the addresses and ports of its subsets, checked. */
public record EndpointsSpec(List<EndpointDirectory.Subset> subsets) implements TypedSpec {

    public EndpointsSpec {
        subsets = List.copyOf(subsets);
    }
}

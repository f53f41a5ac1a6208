package io.legate.admin.api;

import io.legate.admin.store.KindNames;
import io.legate.admin.store.ResourceStore;
import io.legate.resource.model.ResourceKind;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.PathSegment;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code legate_admin_writes_total}: what the API's writes did, by kind ({@code mappings}, ...) and outcome. The
 * endpoints count what the store did with each resource ({@code created}, {@code changed}, {@code unchanged},
 * {@code deleted}); as a response filter, this counts every write answered with an error as {@code refused},
 * those refused for the token included, under the kind of the collection written to ({@code ""} for
 * {@code apply}, whose documents may be of any kind).
 */
public final class AdminWrites implements ContainerResponseFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final Counter writes;

    AdminWrites(PrometheusRegistry registry) {
        writes = Counter.builder()
                .name("legate_admin_writes_total")
                .help("Admin API writes, by kind and outcome (created, changed, unchanged, deleted, refused)")
                .labelNames("kind", "outcome")
                .register(registry);
    }

    void stored(ResourceStore.Change change) {
        count(change.resource().resource().kind(), change.outcome().name().toLowerCase(Locale.ROOT));
    }

    void deleted(ResourceKind kind) {
        count(kind, "deleted");
    }

    private void count(ResourceKind kind, String outcome) {
        writes.labelValues(KindNames.plural(kind), outcome).inc();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        List<PathSegment> path = request.getUriInfo().getPathSegments();
        boolean api = !path.isEmpty() && "api".equals(path.get(0).getPath());
        if (api && response.getStatus() >= 400 && !READS.contains(request.getMethod())) {
            writes.labelValues(collectionKind(path), "refused").inc();
        }
    }

    /** The kind of {@code api/v1/{kind}[/{name}]}; {@code ""} for any other path, so that labels stay few. */
    private static String collectionKind(List<PathSegment> path) {
        if (path.size() < 3 || !"v1".equals(path.get(1).getPath())) {
            return "";
        }
        return KindNames.fromPlural(path.get(2).getPath()).map(KindNames::plural).orElse("");
    }
}

package io.legate.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An immutable, ordered snapshot of the routes; swapped whole when configuration changes.
 *
 * <p>The first route whose conditions all hold wins. Routes are tried in Emissary's order
 * ({@code IRHTTPMapping._route_weight}: precedence, prefix length, header constraints, prefix):
 * <ol>
 *   <li>higher {@code precedence} first;</li>
 *   <li>then the longer {@code prefix} (as written, for {@code prefix_regex} too), so a Mapping on
 *       {@code /} never shadows one on {@code /helloworld.Greeter/};</li>
 *   <li>then more conditions first (a host other than {@code *}, a method);</li>
 *   <li>then by name, so the order never depends on the order the Mappings were loaded in.</li>
 * </ol>
 * Routes that match the same requests form a {@linkplain CanaryGroup canary group}: a request that matches them
 * goes to one of them, drawn at random by their {@code weight}s.
 * Everything is compiled when the table is built; {@link #match} only walks the list.
 */
public final class RouteTable {

    private static final Comparator<Route> ORDER = Comparator
            .comparingInt(Route::precedence).reversed()
            .thenComparing(Comparator.comparingInt((Route r) -> r.path().text().length()).reversed())
            .thenComparing(Comparator.comparingInt(Route::constraintCount).reversed())
            .thenComparing(Route::name);

    private static final RouteTable EMPTY = new RouteTable(List.of());

    private final List<Route> routes;
    private final CanaryGroup[] groups;

    private RouteTable(List<Route> sorted) {
        this.routes = sorted;
        this.groups = CanaryGroup.of(sorted);
    }

    public static RouteTable empty() {
        return EMPTY;
    }

    /** A table of {@code routes}, in any order: they are sorted into match order here. */
    public static RouteTable of(List<Route> routes) {
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(ORDER);
        return new RouteTable(List.copyOf(sorted));
    }

    /** The routes in match order. */
    public List<Route> routes() {
        return routes;
    }

    /** The first route that matches {@code request} (drawn from its canary group), with the rewritten upstream path. */
    public Optional<RouteMatch> match(RequestFacts request) {
        for (int i = 0; i < routes.size(); i++) {
            CanaryGroup group = groups[i];
            if (group != null && group.first() != i) {
                // Its group's first route matched the same requests, and drew for it.
                continue;
            }
            if (routes.get(i).matches(request)) {
                int chosen = group == null ? i : group.pick(ThreadLocalRandom.current().nextInt(100));
                if (chosen >= 0) {
                    Route route = routes.get(chosen);
                    return Optional.of(new RouteMatch(route, route.rewrite().apply(request.path()), chosen));
                }
            }
        }
        return Optional.empty();
    }
}

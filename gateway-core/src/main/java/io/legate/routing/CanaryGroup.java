package io.legate.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes that match the same requests (same path, host, method, precedence and plugin settings), sharing them by
 * Emissary's canary {@code weight}s: weights are percentages, taken in the table's order; the routes without one
 * share what is left equally, the last of them up to 100. When every route has a weight and they add up to less
 * than 100, the rest of the requests go past the group to the routes after it, as Envoy's route fractions do.
 * Weights over 100 in all are refused when written; read from a file anyway, the routes past 100 get nothing.
 */
final class CanaryGroup {

    private final int first;
    private final int[] members;
    private final int[] upTo;

    private CanaryGroup(int[] members, int[] upTo) {
        this.first = Arrays.stream(members).min().orElseThrow();
        this.members = members;
        this.upTo = upTo;
    }

    /** The group of each route of {@code sorted}, by position; null for a route alone with its conditions. */
    static CanaryGroup[] of(List<Route> sorted) {
        Map<List<Object>, List<Integer>> byConditions = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            byConditions.computeIfAbsent(conditions(sorted.get(i)), key -> new ArrayList<>()).add(i);
        }
        CanaryGroup[] groups = new CanaryGroup[sorted.size()];
        for (List<Integer> indices : byConditions.values()) {
            if (indices.size() > 1) {
                CanaryGroup group = shares(sorted, indices);
                indices.forEach(i -> groups[i] = group);
            }
        }
        return groups;
    }

    /** What a request must be to match {@code route}: equal for routes that match the same requests. */
    private static List<Object> conditions(Route route) {
        // Regex matchers hold a Pattern, which has no equality of its own: their text stands for them.
        return Arrays.asList(route.path().getClass(), route.path().text(), route.host().toString(), route.method(),
                route.precedence(), route.plugins());
    }

    private static CanaryGroup shares(List<Route> sorted, List<Integer> indices) {
        List<Integer> order = new ArrayList<>();
        indices.stream().filter(i -> sorted.get(i).weight().isPresent()).forEach(order::add);
        List<Integer> unweighted = indices.stream().filter(i -> sorted.get(i).weight().isEmpty()).toList();
        order.addAll(unweighted);
        int[] upTo = new int[order.size()];
        int total = 0;
        int k = 0;
        for (; k < order.size() - unweighted.size(); k++) {
            total = Math.min(100, total + sorted.get(order.get(k)).weight().getAsInt());
            upTo[k] = total;
        }
        long each = Math.round((100 - total) / (double) Math.max(1, unweighted.size()));
        for (; k < order.size(); k++) {
            total = k == order.size() - 1 ? 100 : (int) Math.min(100, total + each);
            upTo[k] = total;
        }
        return new CanaryGroup(order.stream().mapToInt(Integer::intValue).toArray(), upTo);
    }

    /** The position of the group's first route in the table: it is tried for all of them. */
    int first() {
        return first;
    }

    /** The position of the route that takes a request drawn at {@code percent} (0 to 99), or -1 for none. */
    int pick(int percent) {
        for (int k = 0; k < members.length; k++) {
            if (percent < upTo[k]) {
                return members[k];
            }
        }
        return -1;
    }
}

package io.legate.resource;

import io.legate.resource.model.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Checks the {@code weight}s of Mappings that match the same requests (same prefix and prefix kind, host, method,
 * precedence and plugin settings: a canary group), as Emissary does: in a group of two or more, a weight is a
 * percentage, at most 100, and the weights add up to at most 100. A Mapping alone takes every request, whatever
 * its weight.
 */
final class CanaryWeights {

    private static final int ALL = 100;

    private CanaryWeights() {
    }

    /** @param error makes an error on {@code spec.weight} of a Mapping */
    static List<Problem> check(List<Resource> resources, BiFunction<Resource, String, Problem> error) {
        Map<List<Object>, List<Resource>> groups = new LinkedHashMap<>();
        resources.stream()
                .filter(r -> r.typed() instanceof MappingSpec)
                .forEach(r -> groups.computeIfAbsent(conditions((MappingSpec) r.typed()), k -> new ArrayList<>()).add(r));
        List<Problem> problems = new ArrayList<>();
        for (List<Resource> group : groups.values()) {
            List<Resource> weighted = group.stream().filter(r -> weight(r) >= 0).toList();
            if (group.size() < 2 || weighted.isEmpty()) {
                continue;
            }
            int total = weighted.stream().mapToInt(CanaryWeights::weight).sum();
            String members = group.stream().map(Resource::label).collect(Collectors.joining(", "));
            for (Resource mapping : weighted) {
                if (weight(mapping) > ALL) {
                    problems.add(error.apply(mapping, weight(mapping) + " is not a percentage (expected: 0..100)"
                            + "; its canary group is " + members));
                } else if (total > ALL) {
                    problems.add(error.apply(mapping, "the weights of its canary group (" + group.stream()
                            .filter(r -> weight(r) >= 0).map(r -> r.label() + " " + weight(r))
                            .collect(Collectors.joining(", ")) + ") add up to " + total + " (expected: at most 100)"));
                }
            }
        }
        return problems;
    }

    private static int weight(Resource mapping) {
        return ((MappingSpec) mapping.typed()).weight().orElse(-1);
    }

    /** What a request must be to match the Mapping: equal for Mappings of one canary group. */
    private static List<Object> conditions(MappingSpec spec) {
        String host = spec.hostname() != null ? "hostname " + spec.hostname()
                : spec.host() == null ? null : (spec.hostRegex() ? "host_regex " : "host ") + spec.host();
        return Arrays.asList(spec.prefix(), spec.prefixExact(), spec.prefixRegex(), host, spec.method(),
                spec.precedence(), spec.plugins());
    }
}

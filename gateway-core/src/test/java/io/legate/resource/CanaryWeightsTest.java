package io.legate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.legate.resource.model.Problem;
import io.legate.testing.Mappings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Canary weights checked across Mappings, as Emissary checks them. */
class CanaryWeightsTest {

    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void weightsOfAGroupAddingUpToMoreThan100AreAnErrorOnEachWeightedMapping() {
        assertEquals(List.of(
                "m.yaml: Mapping/a: spec.weight: the weights of its canary group (Mapping/a 60, Mapping/b 50) add up"
                        + " to 110 (expected: at most 100)",
                "m.yaml: Mapping/b: spec.weight: the weights of its canary group (Mapping/a 60, Mapping/b 50) add up"
                        + " to 110 (expected: at most 100)"),
                problems(mapping("a", "/quote/", 60) + mapping("b", "/quote/", 50) + mapping("c", "/quote/", -1)));
    }

    @Test
    void aWeightOver100InAGroupIsAnError() {
        assertEquals(List.of("m.yaml: Mapping/a: spec.weight: 150 is not a percentage (expected: 0..100); its canary"
                + " group is Mapping/a, Mapping/b"), problems(mapping("a", "/quote/", 150) + mapping("b", "/quote/", -1)));
    }

    @Test
    void aMappingAloneTakesEveryRequestWhateverItsWeight() {
        assertEquals(List.of(), problems(mapping("a", "/quote/", 150) + mapping("b", "/stock/", 90)));
    }

    @Test
    void aNegativeWeightIsAnErrorOfItsMapping() {
        assertEquals(List.of("m.yaml: Mapping/a: spec.weight: -5 (expected: >= 0)"),
                loader.parse("m.yaml", mapping("a", "/quote/", -5))
                        .errors().stream().map(Problem::toString).toList());
    }

    private List<String> problems(String yaml) {
        LoadResult loaded = loader.parse("m.yaml", yaml);
        assertEquals(List.of(), loaded.errors());
        return ResourceSet.check(loaded.resources()).stream().map(Problem::toString).toList();
    }

    private static String mapping(String name, String prefix, int weight) {
        String service = name + ":8080";
        return weight == -1 ? Mappings.http(name, service, "prefix: " + prefix)
                : Mappings.http(name, service, "prefix: " + prefix, "weight: " + weight);
    }
}

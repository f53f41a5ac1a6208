package io.legate.resource;

import io.legate.resource.model.Problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlHardeningTest {

    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void aliasBombIsRefusedWithAnError() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }

        LoadResult result = loader.parse("bomb.yaml", bomb.toString());

        assertEquals(List.of(), result.resources());
        assertEquals("bomb.yaml: YAML error at line 2, column 10: aliases are not supported (*a0): "
                + "write the value out in full", only(result).toString());
    }

    @Test
    void singleAliasIsRefusedRatherThanReadAsItsAnchorName() {
        LoadResult result = loader.parse("a.yaml", "x: &svc backend:8080\ny: *svc\n");

        assertTrue(only(result).message().contains("aliases are not supported (*svc)"));
    }

    @Test
    void deepNestingIsRefused() {
        LoadResult result = loader.parse("deep.yaml", "spec: " + "[".repeat(100) + "]".repeat(100) + "\n");

        assertTrue(only(result).message().contains("nesting depth"), only(result).message());
    }

    @Test
    void documentOverTheCodePointLimitIsRefused() {
        ResourceLoader smallLimit = new ResourceLoader(new ResourceValidator(), new YamlDocuments(1024));

        LoadResult result = smallLimit.parse("big.yaml", "spec: '" + "x".repeat(2048) + "'\n");

        assertTrue(only(result).message().contains("exceeds the limit"), only(result).message());
    }

    @Test
    void duplicateKeyIsAnError() {
        LoadResult result = loader.parse("dup.yaml", "kind: Mapping\nkind: Host\n");

        assertEquals("dup.yaml: YAML error at line 2, column 5: Duplicate field 'kind'", only(result).toString());
    }

    private static Problem only(LoadResult result) {
        assertEquals(1, result.problems().size(), () -> result.problems().toString());
        return result.problems().get(0);
    }
}

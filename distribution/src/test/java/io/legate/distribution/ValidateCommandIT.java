package io.legate.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.distribution.LegateScript.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/legate validate FILE...}: every problem on its own line, by file, resource and field. */
class ValidateCommandIT {

    private static final String HEAD = """
            apiVersion: getambassador.io/v3alpha1
            kind: Mapping
            metadata:
              name: quote
            spec:
            """;

    @TempDir
    Path dir;

    private String file(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml).toString();
    }

    private static void assertLine(Result result, String expectedStart) {
        assertTrue(result.out().lines().anyMatch(line -> line.startsWith(expectedStart)),
                "no line starting with \"" + expectedStart + "\" in\n" + result);
    }

    @Test
    void aValidFileExitsWith0AndPrintsOnlyTheSummary() throws Exception {
        String file = file("quote.yaml", HEAD + "  prefix: /backend/\n  service: quote:8080\n");

        Result result = LegateScript.run("validate", file);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("1 file, 1 resource, 0 errors, 0 warnings\n", result.out(), result::toString);
    }

    @Test
    void theShippedHelloworldExampleIsValid() throws Exception {
        Result result = LegateScript.run("validate",
                LegateScript.HOME.resolve("conf/examples/grpc-py.yaml").toString());

        assertEquals(0, result.exitCode(), result::toString);
    }

    @Test
    void malformedYamlIsAnErrorNamingTheFile() throws Exception {
        String file = file("broken.yaml", HEAD + "  prefix: [/backend/\n");

        Result result = LegateScript.run("validate", file);

        assertEquals(1, result.exitCode(), result::toString);
        assertLine(result, file + ": ");
        assertTrue(result.out().endsWith("1 file, 0 resources, 1 error, 0 warnings\n"), result::toString);
    }

    @Test
    void aMappingWithoutPrefixIsAnErrorNamingTheField() throws Exception {
        String file = file("no-prefix.yaml", HEAD + "  service: quote:8080\n");

        Result result = LegateScript.run("validate", file);

        assertEquals(1, result.exitCode(), result::toString);
        assertLine(result, file + ": Mapping/quote: spec.prefix: ");
    }

    @Test
    void aServiceWithABadPortIsAnErrorNamingTheField() throws Exception {
        String file = file("bad-port.yaml", HEAD + "  prefix: /backend/\n  service: quote:abc\n");

        Result result = LegateScript.run("validate", file);

        assertEquals(1, result.exitCode(), result::toString);
        assertLine(result, file + ": Mapping/quote: spec.service: ");
    }

    @Test
    void anUnknownFieldIsAWarningAndExitsWith0() throws Exception {
        String file = file("unknown.yaml", HEAD + "  prefix: /backend/\n  service: quote:8080\n  colour: blue\n");

        Result result = LegateScript.run("validate", file);

        assertEquals(0, result.exitCode(), result::toString);
        assertLine(result, file + ": Mapping/quote: spec.colour: ");
        assertTrue(result.out().endsWith("1 file, 1 resource, 0 errors, 1 warning\n"), result::toString);
    }

    @Test
    void everyFileIsCheckedAndCountedInTheSummary() throws Exception {
        String good = file("good.yaml", HEAD + "  prefix: /backend/\n  service: quote:8080\n");
        String bad = file("bad.yaml", HEAD.replace("quote", "other") + "  service: quote:8080\n");

        Result result = LegateScript.run("validate", good, bad);

        assertEquals(1, result.exitCode(), result::toString);
        assertLine(result, bad + ": Mapping/other: spec.prefix: ");
        assertTrue(result.out().endsWith("2 files, 1 resource, 1 error, 0 warnings\n"), result::toString);
    }

    @Test
    void validateWithoutFilesIsAUsageError() throws Exception {
        assertEquals(2, LegateScript.run("validate").exitCode());
    }
}

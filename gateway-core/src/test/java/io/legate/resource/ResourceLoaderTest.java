package io.legate.resource;

import io.legate.resource.model.Problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.legate.testing.TestCertificates;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceLoaderTest {

    private final ResourceLoader loader = new ResourceLoader();

    @TempDir
    Path dir;

    @Test
    void multiDocumentFileLoadsEveryDocumentInOrder() {
        LoadResult result = loader.parse("all.yaml", mapping("one", "/one/") + "---\n" + """
                apiVersion: getambassador.io/v3alpha1
                kind: Host
                metadata:
                  name: host
                spec:
                  hostname: "*"
                """ + TestCertificates.caSecretYaml("cert", TestCertificates.ca("loader ca")));

        assertEquals(List.of(), result.problems());
        assertEquals(List.of("Mapping/one", "Host/host", "Secret/cert"), labels(result));
        assertEquals("all.yaml#3", result.resources().get(2).source());
    }

    @Test
    void emptyDocumentsAreSkippedButCounted() {
        LoadResult result = loader.parse("a.yaml", "---\n# nothing here\n---\n" + mapping("one", "/"));

        assertEquals(List.of("Mapping/one"), labels(result));
        assertEquals("a.yaml#2", result.resources().get(0).source());
    }

    @Test
    void documentWithErrorsIsSkippedAndTheRestOfTheFileLoads() {
        LoadResult result = loader.parse("a.yaml", mapping("bad", "[x]") + "---\n" + mapping("good", "/"));

        assertEquals(List.of("Mapping/good"), labels(result));
        assertEquals("Mapping/bad", result.errors().get(0).resource());
    }

    @Test
    void malformedYamlIsOneErrorWithLineAndColumnAndOtherFilesStillLoad() throws IOException {
        Path broken = write("broken.yaml", mapping("first", "/") + "---\nkind: Mapping\nspec: [1\n  x: 2\n");
        Path fine = write("fine.yaml", mapping("fine", "/"));

        LoadResult result = loader.loadFiles(List.of(broken, fine));

        assertEquals(List.of("Mapping/fine"), labels(result));
        assertEquals(1, result.problems().size());
        Problem problem = result.problems().get(0);
        assertEquals(broken.toString(), problem.source());
        assertTrue(problem.message().startsWith("YAML error at line 11, column 4: "), problem.message());
    }

    @Test
    void duplicateNameOfTheSameKindIsAnErrorNamingBothSources() throws IOException {
        Path a = write("a.yaml", mapping("same", "/a/"));
        Path b = write("b.yaml", mapping("same", "/b/"));

        LoadResult result = loader.loadFiles(List.of(a, b));

        assertEquals(1, result.resources().size());
        Problem problem = result.errors().get(0);
        assertEquals(b.toString(), problem.source());
        assertTrue(problem.message().contains(a + "#1"), problem.message());
        assertTrue(problem.message().contains(b + "#1"), problem.message());
    }

    @Test
    void sameNameOfDifferentKindsIsFine() {
        LoadResult result = loader.parse("a.yaml", mapping("same", "/") + """
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Host
                metadata:
                  name: same
                """);

        assertFalse(result.hasErrors());
        assertEquals(2, result.resources().size());
    }

    @Test
    void directoryLoadsYamlFilesSortedByNameAndNotSubdirectories() throws IOException {
        write("b.yml", mapping("b", "/b/"));
        write("a.yaml", mapping("a", "/a/"));
        write("notes.txt", mapping("txt", "/txt/"));
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/c.yaml"), mapping("c", "/c/"));

        LoadResult result = loader.loadDirectory(dir);

        assertEquals(List.of("Mapping/a", "Mapping/b"), labels(result));
    }

    @Test
    void missingDirectoryIsAnEmptyResult() {
        LoadResult result = loader.loadDirectory(dir.resolve("absent"));

        assertEquals(List.of(), result.resources());
        assertEquals(List.of(), result.problems());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String mapping(String name, String prefix) {
        return """
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: %s
                spec:
                  prefix: %s
                  service: backend:8080
                """.formatted(name, prefix);
    }

    private static List<String> labels(LoadResult result) {
        return result.resources().stream().map(Resource::label).toList();
    }
}

package io.legate.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.legate.distribution.LegateScript.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Emissary files, as their authors wrote them, through the packaged tree: {@code valid/} of the corpus in
 * {@code ../shared/emissary-corpus} beside the checkout (its {@code SOURCES.md} says where each document comes
 * from). Each file, with the Secrets {@code support/} holds for it, validates with {@code bin/legate validate} and
 * applies whole through a running gateway's admin API into its file store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmissaryCorpusIT {

    private static final Path CORPUS = Path.of(System.getProperty("emissary.corpus"));
    private static final YAMLMapper YAML = new YAMLMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Installation installation;

    @BeforeAll
    void startAGateway(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS.resolve("valid")), "no Emissary corpus at " + CORPUS
                + " (it is ../shared/emissary-corpus beside the checkout): skipped");
        installation = Installation.copyInto(dir);
        Result started = installation.legate("start");
        assertEquals(0, started.exitCode(), started::toString);
    }

    @AfterAll
    void stopIt() throws Exception {
        if (installation != null) {
            installation.legate("stop");
            installation.killWhatIsLeft();
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyDocumentOfEveryFileValidates() throws IOException {
        return corpusFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            List<String> args = new ArrayList<>(List.of("validate"));
            support(file).ifPresent(secrets -> args.add(secrets.toString()));
            args.add(file.toString());

            Result result = installation.legate(args.toArray(String[]::new));

            assertEquals(0, result.exitCode(), result::toString);
            int documents = documents(file) + support(file).map(EmissaryCorpusIT::documents).orElse(0);
            assertTrue(result.out().contains(documents + (documents == 1 ? " resource" : " resources") + ", 0 errors"),
                    result::toString);
        }));
    }

    @Test
    @Order(2)
    void aFileWithOneReallyInvalidDocumentStoresNothingOfIt() throws Exception {
        Path file = corpusFiles().get(0);
        String broken = Files.readString(file) + """
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: TLSContext
                metadata:
                  name: broken
                spec:
                  cipher_suites: [ECDHE-RSA-AES128-GCM-SHA256, NOT-A-CIPHER]
                """;
        apply(support(file).map(EmissaryCorpusIT::read).orElse(""));

        HttpResponse<String> refused = apply(broken);

        assertEquals(422, refused.statusCode(), refused::body);
        assertTrue(refused.body().contains("\\\"NOT-A-CIPHER\\\" is not a cipher suite"), refused::body);
        HttpResponse<String> mappings = http.send(HttpRequest.newBuilder(admin("/api/v1/mappings")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("[]", YAML.readTree(mappings.body()).path("items").toString(), mappings::body);
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> everyFileAppliesWhole() throws IOException {
        return corpusFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Path secrets = support(file).orElse(null);
            if (secrets != null) {
                HttpResponse<String> support = apply(Files.readString(secrets));
                assertEquals(200, support.statusCode(), support::body);
            }

            HttpResponse<String> applied = apply(Files.readString(file));

            assertEquals(200, applied.statusCode(), applied::body);
            assertEquals(documents(file), YAML.readTree(applied.body()).path("results").size(), applied::body);
        }));
    }

    private HttpResponse<String> apply(String yaml) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(admin("/api/v1/apply"))
                        .header("Content-Type", "application/yaml")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI admin(String path) {
        return URI.create("http://127.0.0.1:" + installation.adminPort() + path);
    }

    private static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS.resolve("valid"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The Secrets the examples of {@code file} take as already present, if any. */
    private static Optional<Path> support(Path file) {
        Path secrets = CORPUS.resolve("support").resolve(file.getFileName().toString().replace(".yaml", ".secrets.yaml"));
        return Files.isRegularFile(secrets) ? Optional.of(secrets) : Optional.empty();
    }

    private static int documents(Path file) {
        try (MappingIterator<JsonNode> documents = YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class)) {
            int count = 0;
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (!document.isNull() && !document.isMissingNode()) {
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

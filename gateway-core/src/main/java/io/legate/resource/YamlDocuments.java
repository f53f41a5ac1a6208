package io.legate.resource;

import io.legate.resource.model.Problem;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Splits YAML text into its documents ({@code ---}), hardened against hostile input.
 *
 * <p>Jackson reads SnakeYAML's event stream, not its composed node graph, so of SnakeYAML's
 * {@link LoaderOptions} only the code point limit takes effect; nesting depth is enforced by Jackson's
 * {@link StreamReadConstraints}. Jackson also never expands an alias ({@code *name}): it would silently
 * read it as the string {@code name}. Aliases are therefore refused, which also makes an alias bomb
 * ("billion laughs") an error rather than a memory problem.
 */
final class YamlDocuments {

    // SnakeYAML scans roughly a MiB per second on a small machine: whoever takes YAML from the network
    // should cap request bodies well below this.
    private static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    private static final int MAX_NESTING_DEPTH = 64;

    /** The limits used everywhere but in tests, which need a small code point limit to stay fast. */
    static final YamlDocuments STANDARD = new YamlDocuments(MAX_CODE_POINTS);

    private final YAMLMapper mapper;

    /**
     * @param documents every document in order, an empty one as a null node, so positions match the file
     * @param error     the syntax error that made the whole text unusable, or null
     */
    record Parsed(List<JsonNode> documents, Problem error) {
    }

    YamlDocuments(int maxCodePoints) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(maxCodePoints);
        mapper = YAMLMapper.builder(YAMLFactory.builder()
                        .loaderOptions(options)
                        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    Parsed parse(String source, String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser scan = newParser(text); YAMLParser read = newParser(text)) {
            YAMLParser current = scan;
            try {
                while (scan.nextToken() != null) {
                    if (scan.isCurrentAlias()) {
                        return failed(problem(source, scan.currentTokenLocation(),
                                "aliases are not supported (*" + scan.getText() + "): write the value out in full"));
                    }
                }
                current = read;
                while (read.nextToken() != null) {
                    JsonNode document = mapper.readTree(read);
                    documents.add(document == null ? NullNode.instance : document);
                }
            } catch (JsonProcessingException e) {
                return failed(syntaxError(source, e, current.currentLocation()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string", e);
        }
        return new Parsed(List.copyOf(documents), null);
    }

    private YAMLParser newParser(String text) throws IOException {
        return (YAMLParser) mapper.createParser(text);
    }

    private static Parsed failed(Problem error) {
        return new Parsed(List.of(), error);
    }

    private static Problem syntaxError(String source, JsonProcessingException e, JsonLocation fallback) {
        int line;
        int column;
        String message;
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            line = mark.getLine() + 1;
            column = mark.getColumn() + 1;
            message = (marked.getContext() == null ? "" : marked.getContext() + ": ") + marked.getProblem();
        } else {
            JsonLocation location = e.getLocation() != null ? e.getLocation() : fallback;
            line = location.getLineNr();
            column = location.getColumnNr();
            message = e.getOriginalMessage();
        }
        return problem(source, line, column, message);
    }

    private static Problem problem(String source, JsonLocation location, String message) {
        return problem(source, location.getLineNr(), location.getColumnNr(), message);
    }

    private static Problem problem(String source, int line, int column, String message) {
        return new Problem(Problem.Severity.ERROR, source, null, null,
                "YAML error at line " + line + ", column " + column + ": " + message.strip());
    }
}

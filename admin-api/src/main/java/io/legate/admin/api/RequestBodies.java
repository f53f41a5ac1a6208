package io.legate.admin.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.legate.admin.store.ResourceStore;
import io.legate.resource.LoadResult;
import io.legate.resource.model.Problem;
import io.legate.resource.Resource;
import io.legate.pluginhost.PluginRegistry;
import io.legate.resource.ResourceLoader;
import io.legate.resource.ResourceValidator;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads request bodies into validated resources, through the gateway's one loader and validator, so the API
 * accepts exactly what {@code conf/resources/} and {@code legate validate} accept. Bodies are capped at
 * {@link #MAX_BYTES} (413): YAML parsing costs about a second per MiB.
 */
final class RequestBodies {

    static final int MAX_BYTES = 1024 * 1024;
    // A body over the limit is read and dropped up to this much before the 413: a connection closed on unread
    // bytes is reset, and the reset can destroy the 413 before the client has read it.
    private static final long DRAIN_BYTES = 16L * MAX_BYTES;
    static final String SOURCE = "request";

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ResourceLoader loader;
    private final ResourceValidator validator;

    /** Bodies validated with the gateway's plugins, so that their settings are checked when written. */
    RequestBodies(PluginRegistry plugins) {
        this.loader = new ResourceLoader(plugins);
        this.validator = new ResourceValidator(plugins);
    }

    static boolean isYaml(MediaType type) {
        return type != null && (type.getType().equals("application") || type.getType().equals("text"))
                && (type.getSubtype().equals("yaml") || type.getSubtype().equals("x-yaml"));
    }

    static boolean isJson(MediaType type) {
        return type != null && type.getType().equals("application")
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    /** One resource, JSON or YAML; the result holds it and its warnings. */
    LoadResult one(HttpHeaders headers, InputStream body) {
        MediaType type = headers.getMediaType();
        if (!isJson(type) && !isYaml(type)) {
            throw unsupported(type, "application/json or application/yaml");
        }
        String text = read(headers, body);
        LoadResult result = storable(isJson(type) ? json(text) : loader.parse(SOURCE, text));
        if (result.hasErrors()) {
            throw ProblemException.invalid(result.problems());
        }
        if (result.resources().size() != 1) {
            throw new ProblemException(400, "expected one resource, got " + result.resources().size()
                    + " (POST /api/v1/apply takes several)");
        }
        return result;
    }

    /** One or more YAML documents, all valid, or nothing. */
    LoadResult many(HttpHeaders headers, InputStream body) {
        MediaType type = headers.getMediaType();
        if (!isYaml(type)) {
            throw unsupported(type, "application/yaml");
        }
        LoadResult result = storable(loader.parse(SOURCE, read(headers, body)));
        if (result.hasErrors()) {
            throw ProblemException.invalid(result.problems());
        }
        if (result.resources().isEmpty()) {
            throw new ProblemException(400, "the body holds no resource");
        }
        return result;
    }

    /** Adds an error for each name the store cannot hold, though valid: see {@link ResourceStore#MAX_NAME_LENGTH}. */
    private static LoadResult storable(LoadResult result) {
        List<Problem> problems = new ArrayList<>(result.problems());
        for (Resource resource : result.resources()) {
            if (resource.name().length() > ResourceStore.MAX_NAME_LENGTH) {
                problems.add(new Problem(Problem.Severity.ERROR, SOURCE, resource.label(), "metadata.name",
                        "too long for the store: " + resource.name().length() + " characters (at most "
                                + ResourceStore.MAX_NAME_LENGTH + ")"));
            }
        }
        return new LoadResult(result.resources(), problems);
    }

    private static ProblemException unsupported(MediaType type, String expected) {
        return new ProblemException(415, "Content-Type " + (type == null ? "missing" : type.toString())
                + " is not supported (expected " + expected + ")");
    }

    private static String read(HttpHeaders headers, InputStream body) {
        try {
            byte[] bytes = headers.getLength() > MAX_BYTES ? new byte[0] : body.readNBytes(MAX_BYTES + 1);
            if (headers.getLength() > MAX_BYTES || bytes.length > MAX_BYTES) {
                drain(body);
                throw tooLarge();
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(400, "the body is not UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body", e);
        }
    }

    private static void drain(InputStream body) throws IOException {
        long left = DRAIN_BYTES;
        for (long skipped = body.skip(left); skipped > 0 && left > 0; skipped = body.skip(left)) {
            left -= skipped;
        }
    }

    private static ProblemException tooLarge() {
        return new ProblemException(413, "the body is larger than " + MAX_BYTES + " bytes, the admin API's limit");
    }

    private LoadResult json(String text) {
        JsonNode document;
        try {
            document = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return new LoadResult(List.of(), List.of(new Problem(Problem.Severity.ERROR, SOURCE, null, null,
                    "JSON error" + where + ": " + e.getOriginalMessage())));
        }
        if (document == null || document.isMissingNode()) {
            return LoadResult.empty();
        }
        // As document 1, so that problems of a document without a usable name still name it ("document 1").
        ResourceValidator.Validated validated = validator.validate(document, SOURCE, 1);
        return new LoadResult(validated.isValid() ? List.of(validated.resource()) : List.of(), validated.problems());
    }
}

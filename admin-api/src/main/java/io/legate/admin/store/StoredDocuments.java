package io.legate.admin.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.legate.resource.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The stored form of a resource: its document plus {@code metadata.resourceVersion}, written as YAML. */
public final class StoredDocuments {

    static final String VERSION_FIELD = "resourceVersion";

    private static final ObjectMapper JSON = new ObjectMapper();
    // Every string quoted: a string "8080" or "yes" written bare would read back as a number or a boolean.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private StoredDocuments() {
    }

    /**
     * The resource with its version: a hash of the document without any {@code resourceVersion} the client sent,
     * so that writing the same content again is recognised as unchanged.
     */
    static StoredResource stamp(Resource resource) {
        return withVersion(resource, hash(content(resource.raw())));
    }

    /** The resource with {@code version} as its {@code metadata.resourceVersion}. */
    public static StoredResource withVersion(Resource resource, String version) {
        ObjectNode document = content(resource.raw());
        ((ObjectNode) document.get("metadata")).put(VERSION_FIELD, version);
        return new StoredResource(resource, version, document);
    }

    /** A copy of {@code document} without {@code metadata.resourceVersion}: what the user wrote. */
    public static ObjectNode content(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        ((ObjectNode) copy.get("metadata")).remove(VERSION_FIELD);
        return copy;
    }

    static byte[] yaml(StoredResource stored) {
        return yaml(stored.document());
    }

    public static byte[] yaml(JsonNode document) {
        try {
            return YAML.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed document cannot be written back", e);
        }
    }

    /** 16 hex digits of the SHA-256 of {@code node} as JSON. */
    static String hash(JsonNode node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("hashing a document", e);
        }
    }
}

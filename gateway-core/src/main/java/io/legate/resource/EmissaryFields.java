package io.legate.resource;

import io.legate.resource.model.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The spec fields of every Emissary-ingress kind and the keys of its {@code ambassador} Module, as listed in
 * {@code emissary-crds.yaml} beside this class (taken from Emissary's CRD types; the file names the version).
 * Legate accepts and stores each of them; what it does not act on is a warning, not an error.
 */
final class EmissaryFields {

    private static final String RESOURCE = "emissary-crds.yaml";
    private static final EmissaryFields LISTED = load();

    private final Map<String, Set<String>> specFields;
    private final Set<String> moduleKeys;

    private EmissaryFields(Map<String, Set<String>> specFields, Set<String> moduleKeys) {
        this.specFields = specFields;
        this.moduleKeys = moduleKeys;
    }

    /** The lists of the Emissary version Legate follows. */
    static EmissaryFields listed() {
        return LISTED;
    }

    /** Every kind Emissary defines, as written in {@code kind}. */
    Set<String> kinds() {
        return specFields.keySet();
    }

    /** The fields of {@code kind}'s spec; empty for a kind Emissary does not have (Secret). */
    Set<String> specFields(ResourceKind kind) {
        return specFields.getOrDefault(kind.yamlName(), Set.of());
    }

    /** The keys of the {@code ambassador} Module's {@code spec.config}. */
    Set<String> moduleKeys() {
        return moduleKeys;
    }

    private static EmissaryFields load() {
        try (InputStream in = EmissaryFields.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            JsonNode root = new YAMLMapper().readTree(in);
            Map<String, Set<String>> kinds = new LinkedHashMap<>();
            root.path("kinds").fields().forEachRemaining(kind -> kinds.put(kind.getKey(), names(kind.getValue())));
            return new EmissaryFields(Map.copyOf(kinds), names(root.path("moduleConfig")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Set<String> names(JsonNode list) {
        Set<String> names = new HashSet<>();
        list.forEach(name -> names.add(name.textValue()));
        return Set.copyOf(names);
    }
}

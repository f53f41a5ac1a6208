package io.legate.resource;

import io.legate.resource.model.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A resource that passed validation. The original document is kept whole, unknown fields included,
 * so that storing it again loses nothing.
 *
 * @param namespace {@code metadata.namespace}, or null; kept, not used for naming
 * @param spec      the {@code spec} as written (a missing node for kinds without one, such as Secret)
 * @param typed     the spec as a record, or null for kinds not typed yet (Module)
 * @param raw       the whole document
 * @param source    where it came from: the file and the document's position, e.g. {@code a.yaml#2}
 */
public record Resource(
        String apiVersion,
        ResourceKind kind,
        String name,
        String namespace,
        JsonNode spec,
        TypedSpec typed,
        JsonNode raw,
        String source) {

    /** {@code Kind/name}, the way problems and logs name a resource. */
    public String label() {
        return kind.yamlName() + "/" + name;
    }

    /** The label and source only: the document of a Secret holds a private key, which is never logged. */
    @Override
    public String toString() {
        return label() + " (" + source + ")";
    }
}

package io.legate.resource;

import io.legate.resource.model.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Checks the spec of an Emissary kind Legate stores but does not act on (Listener, AuthService, TCPMapping, the
 * resolvers, ...): one warning for the kind, and one for each field Emissary does not define either. Its values
 * are not checked, since nothing reads them.
 */
final class InertSpecReader {

    private InertSpecReader() {
    }

    /** Always null: there is nothing typed to read. */
    static TypedSpec read(ResourceKind kind, JsonNode spec, Problems problems) {
        problems.warning("kind", kind.yamlName() + " " + SpecFields.NO_EFFECT);
        return readFields(kind, spec, problems);
    }

    /**
     * As {@link #read}, for a kind that takes effect by its name alone (a Kubernetes resolver that a Mapping's
     * {@code resolver} names): only fields Emissary does not define are warned about.
     */
    static TypedSpec readFields(ResourceKind kind, JsonNode spec, Problems problems) {
        Set<String> fields = EmissaryFields.listed().specFields(kind);
        new SpecFields(spec, "spec", problems).reportIgnored(fields, fields);
        return null;
    }
}

package io.legate.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legate.admin.store.StoredResource;
import io.legate.resource.model.ResourceKind;
import java.util.List;

/** Stored resources as the API shows them: as sent, plus {@code metadata.resourceVersion}; never key material. */
final class Representations {

    static final String REDACTED = "(redacted)";

    private Representations() {
    }

    /** The resource; a Secret's {@code data} and {@code stringData} keep their keys, never their values. */
    static JsonNode of(StoredResource stored) {
        if (stored.resource().kind() != ResourceKind.SECRET) {
            return stored.document();
        }
        ObjectNode copy = stored.document().deepCopy();
        for (String field : List.of("data", "stringData")) {
            if (copy.get(field) instanceof ObjectNode values) {
                values.fieldNames().forEachRemaining(key -> values.put(key, REDACTED));
            }
        }
        return copy;
    }

    /** A list in Kubernetes' shape: {@code kind: List}, {@code items}. */
    static JsonNode list(List<StoredResource> stored) {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        ArrayNode items = list.putArray("items");
        stored.forEach(s -> items.add(of(s)));
        return list;
    }
}

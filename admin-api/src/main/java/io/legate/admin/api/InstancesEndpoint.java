package io.legate.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legate.admin.store.GatewayInstance;
import io.legate.admin.store.ResourceStore;
import io.legate.admin.store.StoreException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/instances}: the live gateways sharing the store, each with the store revision it serves, so
 * that a writer can tell when the whole fleet serves a write. Empty with the file store: a gateway alone.
 */
@Path("/api/v1/instances")
@Produces({MediaType.APPLICATION_JSON, DocumentWriter.APPLICATION_YAML})
public final class InstancesEndpoint {

    private final ResourceStore store;

    InstancesEndpoint(ResourceStore store) {
        this.store = store;
    }

    @GET
    public JsonNode list() throws StoreException {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("revision", store.status().revision());
        ArrayNode items = answer.putArray("items");
        for (GatewayInstance instance : store.instances()) {
            items.addObject().put("name", instance.name()).put("revision", instance.revision()).put("since", instance.since());
        }
        return answer;
    }
}

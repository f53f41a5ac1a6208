package io.legate.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legate.admin.store.ResourceStore;
import io.legate.admin.store.StoreException;
import io.legate.resource.LoadResult;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * {@code POST /api/v1/apply}: a multi-document YAML file, such as an Emissary file as it is, validated whole and
 * then stored whole; one invalid document and nothing is stored. Answers what each document did.
 */
@Path("/api/v1/apply")
@Produces({MediaType.APPLICATION_JSON, DocumentWriter.APPLICATION_YAML})
public final class ApplyEndpoint {

    private final ResourceStore store;
    private final RequestBodies bodies;
    private final AdminWrites writes;

    ApplyEndpoint(ResourceStore store, RequestBodies bodies, AdminWrites writes) {
        this.store = store;
        this.bodies = bodies;
        this.writes = writes;
    }

    @POST
    public Response apply(@Context HttpHeaders headers, InputStream body) throws StoreException, IOException {
        LoadResult sent = bodies.many(headers, body);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode results = answer.putArray("results");
        for (ResourceStore.Change change : store.apply(sent.resources())) {
            writes.stored(change);
            results.addObject()
                    .put("resource", change.resource().label())
                    .put("outcome", change.outcome().name().toLowerCase(Locale.ROOT))
                    .put("resourceVersion", change.resource().version());
        }
        return Warnings.add(Response.ok(), sent).entity(answer).build();
    }
}

package io.legate.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.legate.admin.store.IfMatch;
import io.legate.admin.store.KindNames;
import io.legate.admin.store.ResourceStore;
import io.legate.admin.store.StoreException;
import io.legate.admin.store.StoredResource;
import io.legate.resource.LoadResult;
import io.legate.resource.model.Problem;
import io.legate.resource.Resource;
import io.legate.resource.model.ResourceKind;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** {@code /api/v1/{kind}} and {@code /api/v1/{kind}/{name}}: list, create, read, replace, delete. */
@Path("/api/v1/{kind}")
@Produces({MediaType.APPLICATION_JSON, DocumentWriter.APPLICATION_YAML})
public final class ResourcesEndpoint {

    private final ResourceStore store;
    private final RequestBodies bodies;
    private final AdminWrites writes;

    ResourcesEndpoint(ResourceStore store, RequestBodies bodies, AdminWrites writes) {
        this.store = store;
        this.bodies = bodies;
        this.writes = writes;
    }

    @GET
    public JsonNode list(@PathParam("kind") String kind) {
        return Representations.list(store.list(kind(kind)));
    }

    @GET
    @Path("{name}")
    public Response read(@PathParam("kind") String kind, @PathParam("name") String name) {
        StoredResource stored = store.get(kind(kind), name).orElseThrow(() -> notFound(kind(kind), name));
        return Response.ok(Representations.of(stored)).tag(etag(stored)).build();
    }

    /** Creates; 409 when the name is taken. */
    @POST
    public Response create(@PathParam("kind") String kind, @Context HttpHeaders headers, @Context UriInfo uri,
                           InputStream body) throws StoreException, IOException {
        LoadResult sent = bodies.one(headers, body);
        Resource resource = checked(kind(kind), null, sent);
        ResourceStore.Change change = store.create(resource);
        writes.stored(change);
        return Warnings.add(Response.created(uri.getAbsolutePathBuilder().path(resource.name()).build()), sent)
                .entity(Representations.of(change.resource())).tag(etag(change.resource())).build();
    }

    /** Creates or replaces; {@code If-Match} makes it conditional (412 when stale). */
    @PUT
    @Path("{name}")
    public Response replace(@PathParam("kind") String kind, @PathParam("name") String name,
                            @Context HttpHeaders headers, InputStream body) throws StoreException, IOException {
        LoadResult sent = bodies.one(headers, body);
        Resource resource = checked(kind(kind), name, sent);
        ResourceStore.Change change = store.put(resource, Preconditions.ifMatch(headers));
        writes.stored(change);
        Response.ResponseBuilder answer = change.outcome() == ResourceStore.Outcome.CREATED
                ? Response.status(201) : Response.ok();
        return Warnings.add(answer, sent).entity(Representations.of(change.resource()))
                .tag(etag(change.resource())).build();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("kind") String kind, @PathParam("name") String name,
                           @Context HttpHeaders headers) throws StoreException, IOException {
        store.delete(kind(kind), name, Preconditions.ifMatch(headers));
        writes.deleted(kind(kind));
        return Response.noContent().build();
    }

    static ResourceKind kind(String plural) {
        return KindNames.fromPlural(plural).orElseThrow(() -> new ProblemException(404,
                "no resources of kind \"" + plural + "\" (expected one of " + KindNames.all() + ")"));
    }

    private static ProblemException notFound(ResourceKind kind, String name) {
        String label = kind.yamlName() + "/" + name;
        return new ProblemException(404, label + " not found", label, List.of());
    }

    /** The one resource sent, which must be of the URL's kind and, for a PUT, of its name. */
    private static Resource checked(ResourceKind kind, String urlName, LoadResult sent) {
        Resource resource = sent.resources().get(0);
        if (resource.kind() != kind) {
            throw mismatch(resource, "kind", "is " + resource.kind().yamlName() + ", but this is the "
                    + KindNames.plural(kind) + " collection");
        }
        if (urlName != null && !urlName.equals(resource.name())) {
            throw mismatch(resource, "metadata.name", "is \"" + resource.name() + "\", but the URL names \"" + urlName + "\"");
        }
        return resource;
    }

    private static ProblemException mismatch(Resource resource, String field, String message) {
        Problem problem = new Problem(Problem.Severity.ERROR, RequestBodies.SOURCE, resource.label(), field, message);
        return new ProblemException(422, problem.toString(), resource.label(), List.of(problem));
    }

    /** The {@code ETag}: the resource version, quoted as RFC 9110 wants. */
    private static EntityTag etag(StoredResource stored) {
        return new EntityTag(stored.version());
    }
}

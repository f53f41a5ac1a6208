package io.legate.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legate.server.GatewayContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /healthz} (the process answers) and {@code /readyz} (serving, with what failed to load: resources and
 * plugins that were skipped, and the routes refused because a plugin they need is unavailable, so that a gateway
 * serving less than configured says so). Never need a token.
 */
@Path("/")
@Produces({MediaType.APPLICATION_JSON, DocumentWriter.APPLICATION_YAML})
public final class HealthEndpoint {

    private final GatewayContext gateway;

    HealthEndpoint(GatewayContext gateway) {
        this.gateway = gateway;
    }

    @GET
    @Path("healthz")
    public JsonNode health() {
        return JsonNodeFactory.instance.objectNode().put("status", "ok");
    }

    /** Ready as soon as it serves: what failed to load is listed, but the rest is served, so still 200. */
    @GET
    @Path("readyz")
    public JsonNode ready() {
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("status", "ready");
        answer.put("routes", gateway.routes().routes().size());
        ArrayNode failed = answer.putArray("failedToLoad");
        gateway.problems().forEach(problem -> failed.add(ProblemMapper.problem(problem)));
        ArrayNode unavailable = answer.putArray("unavailable");
        gateway.routes().routes().stream().filter(route -> route.unavailable() != null).forEach(route ->
                unavailable.addObject().put("mapping", route.name()).put("message", route.unavailable()));
        return answer;
    }
}

package io.legate.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legate.routing.RequestFacts;
import io.legate.routing.Route;
import io.legate.routing.RouteTable;
import io.legate.server.GatewayContext;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/v1/routes}: the effective route table, and which route a given request would take. */
@Path("/api/v1/routes")
@Produces({MediaType.APPLICATION_JSON, DocumentWriter.APPLICATION_YAML})
public final class RoutesEndpoint {

    private final GatewayContext gateway;

    RoutesEndpoint(GatewayContext gateway) {
        this.gateway = gateway;
    }

    /** Every route, in the order they are tried. */
    @GET
    public JsonNode routes() {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode routes = answer.putArray("routes");
        gateway.routes().routes().forEach(route -> routes.add(RouteViews.view(route)));
        return answer;
    }

    /**
     * The route a request would take, and for every other route why not: its own condition failed, or an
     * earlier route took the request. {@code method} defaults to POST, as gRPC sends.
     */
    @GET
    @Path("match")
    public JsonNode match(@QueryParam("authority") String authority, @QueryParam("path") String path,
                          @QueryParam("method") @DefaultValue("POST") String method,
                          @QueryParam("header") List<String> headers) {
        if (path == null || !path.startsWith("/")) {
            throw new ProblemException(400, "query parameter path: required, and must start with /");
        }
        RequestFacts request = new RequestFacts(method, "http", authority, path, headerLookup(headers)::get);
        RouteTable table = gateway.routes();
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode tried = answer.putArray("routes");
        String winner = null;
        for (Route route : table.routes()) {
            String reason = winner != null ? "not tried: " + winner + " matched first" : RouteViews.mismatch(route, request);
            if (reason == null) {
                winner = route.name();
                table.match(request).ifPresent(m -> {
                    answer.put("upstreamPath", m.upstreamPath()).put("service", m.route().action().upstream().origin());
                    gateway.upstreams().stream().filter(cluster -> cluster.serves(m.route().action())).findFirst()
                            .map(cluster -> cluster.pick(null, List.of()))
                            .ifPresent(endpoint -> answer.put("endpoint", endpoint.toString()));
                });
            }
            tried.addObject().put("name", route.name()).put("matched", reason == null).put("reason", reason);
        }
        answer.put("matched", winner);
        return answer;
    }

    /** {@code name:value} pairs; the first value of a name counts, as routing reads headers. */
    private static Map<String, String> headerLookup(List<String> headers) {
        Map<String, String> byName = new HashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':', 1);
            if (colon < 0) {
                throw new ProblemException(400, "query parameter header: \"" + header + "\" is not name:value");
            }
            byName.putIfAbsent(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        return byName;
    }
}

package io.legate.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legate.server.GatewayContext;
import io.legate.upstream.Cluster;
import io.legate.upstream.Endpoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/** {@code /api/v1/upstreams}: every upstream calls go to, its endpoints, their health and their calls in flight. */
@Path("/api/v1/upstreams")
@Produces({MediaType.APPLICATION_JSON, DocumentWriter.APPLICATION_YAML})
public final class UpstreamsEndpoint {

    private final GatewayContext gateway;

    UpstreamsEndpoint(GatewayContext gateway) {
        this.gateway = gateway;
    }

    @GET
    public JsonNode upstreams() {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode upstreams = answer.putArray("upstreams");
        long now = System.nanoTime();
        for (Cluster cluster : gateway.upstreams()) {
            ObjectNode view = upstreams.addObject()
                    .put("service", cluster.upstream().origin())
                    .put("endpointsFrom", Cluster.describe(cluster.source()))
                    .put("loadBalancer", cluster.loadBalancer().policy().name().toLowerCase(Locale.ROOT));
            if (cluster.endpoints().isEmpty()) {
                view.put("noEndpoints", cluster.noEndpoints());
            }
            ArrayNode endpoints = view.putArray("endpoints");
            for (Endpoint endpoint : cluster.endpoints()) {
                endpoints.addObject()
                        .put("address", endpoint.toString())
                        .put("healthy", cluster.healthy(endpoint))
                        .put("ejected", endpoint.ejected(now))
                        .put("inFlight", endpoint.inFlight())
                        .put("calls", endpoint.calls())
                        .put("failures", endpoint.failures())
                        .put("ejections", endpoint.ejections());
            }
        }
        return answer;
    }
}

package io.legate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.Resources;
import io.legate.testing.UpstreamServer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Endpoints written through the admin API re-balance calls at once, and {@code /api/v1/upstreams} shows them. */
class UpstreamsApiTest extends AdminGatewayTest {

    private static final String MAPPING = """
            apiVersion: getambassador.io/v3alpha1
            kind: Mapping
            metadata:
              name: streams
            spec:
              prefix: /grpc.testing.SimpleService/
              service: streams
              grpc: true
              resolver: endpoint
            """;

    private static String endpoints(UpstreamServer upstream) {
        return Resources.endpoints("streams", upstream.port()).substring("---\n".length());
    }

    @Test
    void endpointsChangedThroughTheApiDuringAServerStreamLetItCompleteAndTakeTheNextCalls() throws Exception {
        try (UpstreamServer first = UpstreamServer.start(); UpstreamServer second = UpstreamServer.start()) {
            assertEquals(201, admin.put("/api/v1/mappings/streams", AdminGateway.YAML, MAPPING).statusCode());
            assertEquals(201, admin.put("/api/v1/endpoints/streams", AdminGateway.YAML, endpoints(first))
                    .statusCode());
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", admin.httpPort()).usePlaintext()
                    .build();
            try {
                Iterator<SimpleResponse> stream = SimpleServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(Behaviour.of()
                                .with(Behaviour.RESPONSES, 10).with(Behaviour.INTERVAL_MS, 50).metadata()))
                        .serverStreamingRpc(SimpleRequest.getDefaultInstance());
                List<SimpleResponse> received = new ArrayList<>();
                received.add(stream.next());
                assertEquals(200, admin.put("/api/v1/endpoints/streams", AdminGateway.YAML, endpoints(second))
                        .statusCode());
                stream.forEachRemaining(received::add);
                assertEquals(10, received.size());

                SimpleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .unaryRpc(SimpleRequest.getDefaultInstance());
                assertEquals(List.of("unaryRpc"), List.copyOf(second.service().started()));
            } finally {
                channel.shutdownNow();
            }
            JsonNode upstream = AdminApiTest.json(admin.get("/api/v1/upstreams")).path("upstreams").get(0);
            assertEquals("http://streams:80", upstream.path("service").asText());
            assertEquals("Endpoints streams", upstream.path("endpointsFrom").asText());
            JsonNode endpoint = upstream.path("endpoints").get(0);
            assertEquals("127.0.0.1:" + second.port(), endpoint.path("address").asText());
            assertTrue(endpoint.path("healthy").asBoolean());
            assertEquals(1, endpoint.path("calls").asLong());
        }
    }
}

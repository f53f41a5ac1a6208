package io.legate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.Resources;
import io.legate.testing.UpstreamServer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stored {@code Endpoints} changed while the gateway serves: calls in flight are left alone. */
class EndpointsChangeTest {

    private static final String MAPPING = """
            ---
            apiVersion: getambassador.io/v3alpha1
            kind: Mapping
            metadata:
              name: streams
            spec:
              prefix: /
              service: streams
              grpc: true
              resolver: endpoint
            """;

    private static String endpoints(UpstreamServer upstream) {
        return Resources.endpoints("streams", upstream.port());
    }

    @Test
    void aServerStreamCompletesWhileItsEndpointsChange() throws Exception {
        try (UpstreamServer first = UpstreamServer.start();
             UpstreamServer second = UpstreamServer.start();
             Gateway gateway = Gateway.startWithResources(MAPPING + endpoints(first))) {
            Iterator<SimpleResponse> stream = SimpleServiceGrpc.newBlockingStub(gateway.channel())
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(Behaviour.of()
                            .with(Behaviour.RESPONSES, 10).with(Behaviour.INTERVAL_MS, 50).metadata()))
                    .serverStreamingRpc(SimpleRequest.getDefaultInstance());
            List<SimpleResponse> received = new ArrayList<>();
            received.add(stream.next());
            gateway.apply(MAPPING + endpoints(second));
            stream.forEachRemaining(received::add);
            assertEquals(10, received.size());

            SimpleServiceGrpc.newBlockingStub(gateway.channel()).unaryRpc(SimpleRequest.getDefaultInstance());
            assertEquals(List.of("serverStreamingRpc"), List.copyOf(first.service().started()));
            assertEquals(List.of("unaryRpc"), List.copyOf(second.service().started()));
        }
    }

    @Test
    void aMappingWhoseEndpointsDoNotExistYetAnswersUnavailableThenServesOnceTheyAppear() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.startWithResources(MAPPING)) {
            StatusRuntimeException none = assertThrows(StatusRuntimeException.class,
                    () -> SimpleServiceGrpc.newBlockingStub(gateway.channel())
                            .unaryRpc(SimpleRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAVAILABLE, none.getStatus().getCode());
            assertTrue(none.getStatus().getDescription().contains("no endpoints"), none.getStatus().getDescription());

            gateway.apply(MAPPING + endpoints(upstream));
            SimpleServiceGrpc.newBlockingStub(gateway.channel()).unaryRpc(SimpleRequest.getDefaultInstance());
            assertEquals(List.of("unaryRpc"), List.copyOf(upstream.service().started()));
        }
    }
}

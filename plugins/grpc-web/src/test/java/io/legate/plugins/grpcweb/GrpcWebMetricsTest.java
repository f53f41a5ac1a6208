package io.legate.plugins.grpcweb;

import io.grpc.testing.protobuf.SimpleRequest;
import io.legate.plugins.grpcweb.WebClients.Transport;
import io.legate.testing.Mappings;
import io.legate.testing.MetricSamples;
import java.util.List;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.legate.plugins.grpcweb.WebFrames.frames;
import static io.legate.plugins.grpcweb.WebFrames.trailerBlock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway counts a gRPC-Web call with the status its caller got in the trailer frame, although no HTTP
 * trailer carried it: the upstream's, or the gateway's own when it ends a started stream.
 */
class GrpcWebMetricsTest {

    private static final String STREAMING = "/grpc.testing.SimpleService/ServerStreamingRpc";
    private static final byte[] REQUEST = Frames.frame(0, SimpleRequest.newBuilder().setRequestMessage("m").build().toByteArray());

    private static WebGateway web;

    @BeforeAll
    static void start() throws Exception {
        web = WebGateway.start("enable_grpc_web: true",
                Mappings.grpc("streaming", STREAMING, "{simple}", "timeout_ms: 300"));
    }

    @AfterAll
    static void stop() throws Exception {
        web.close();
    }

    private static String lastTrailerBlock(ContentResponse response) {
        List<byte[]> frames = frames(response.getContent());
        return trailerBlock(frames.get(frames.size() - 1));
    }

    private static double requests(String mapping, String grpcStatus) throws Exception {
        return MetricSamples.settled(() -> MetricSamples.of(web.gateway.metrics().registry()))
                .value("legate_requests_total{code=\"200\",grpc_status=\"" + grpcStatus + "\",mapping=\"" + mapping + "\"}");
    }

    @Test
    void aCallIsCountedWithTheUpstreamsStatusItsTrailerFrameCarries() throws Exception {
        ContentResponse response = web.clients.post(Transport.H2C, "/grpc.testing.SimpleService/UnaryRpc",
                "application/grpc-web+proto", REQUEST, "x-test-status", "5");

        assertTrue(lastTrailerBlock(response).contains("grpc-status:5\r\n"), lastTrailerBlock(response));
        assertEquals(1, requests("simple", "5"));
    }

    @Test
    void aStreamTheGatewayEndsIsCountedWithTheStatusItsTrailerFrameCarries() throws Exception {
        ContentResponse response = web.clients.post(Transport.H2C, STREAMING, "application/grpc-web+proto", REQUEST,
                "x-test-responses", "10", "x-test-interval-ms", "100");

        assertTrue(lastTrailerBlock(response).contains("grpc-status:4\r\n"), lastTrailerBlock(response));
        assertEquals(1, requests("streaming", "4"));
    }
}

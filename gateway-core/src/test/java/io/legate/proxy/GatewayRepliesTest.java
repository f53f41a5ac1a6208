package io.legate.proxy;

import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.UpstreamServer;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replies the gateway makes itself: trailers-only gRPC statuses for gRPC callers, JSON for the others. */
class GatewayRepliesTest {

    private static final SimpleRequest HELLO = SimpleRequest.newBuilder().setRequestMessage("hello").build();

    @Test
    void aGrpcCallWithNoRouteGetsUnimplemented() throws Exception {
        try (Gateway gateway = Gateway.start("")) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> SimpleServiceGrpc.newBlockingStub(gateway.channel()).unaryRpc(HELLO));
            assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("no route"), e.getStatus().getDescription());
        }
    }

    @Test
    void aGrpcCallToAnUpstreamThatRefusesGetsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String yaml = Mappings.grpc("down", "/grpc.testing.SimpleService/", "127.0.0.1:" + closedPort, "connect_timeout_ms: 1000");
        try (Gateway gateway = Gateway.start(yaml)) {
            long start = System.nanoTime();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> SimpleServiceGrpc.newBlockingStub(gateway.channel()).unaryRpc(HELLO));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("127.0.0.1:" + closedPort), e.getStatus().getDescription());
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "took longer than the connect timeout");
        }
    }

    @Test
    void aRouteTimeoutEndsASleepingCallWithDeadlineExceeded() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.start(Mappings.grpc("slow", "/grpc.testing.SimpleService/", upstream.address(), "timeout_ms: 300"))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> SimpleServiceGrpc.newBlockingStub(gateway.channel())
                    .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(Behaviour.of().with(Behaviour.SLEEP_MS, 3000).metadata()))
                    .unaryRpc(HELLO));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("300 ms"), e.getStatus().getDescription());
        }
    }

    @Test
    void theCallersGrpcTimeoutIsEnforcedByTheGateway() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.start(Mappings.grpc("slow", "/grpc.testing.SimpleService/", upstream.address()))) {
            HttpResponse<byte[]> response = RawGrpc.post(gateway.port(), "/grpc.testing.SimpleService/UnaryRpc",
                    RawGrpc.frame(HELLO.toByteArray()), "grpc-timeout", "200m", "x-test-sleep-ms", "3000");
            assertEquals(200, response.statusCode());
            assertEquals("4", response.headers().firstValue("grpc-status").orElse(null));
            assertEquals(0, response.body().length);
        }
    }

    @Test
    void aMalformedGrpcTimeoutIsRefusedWithANamedError() throws Exception {
        try (Gateway gateway = Gateway.start("")) {
            HttpResponse<byte[]> response = RawGrpc.post(gateway.port(), "/grpc.testing.SimpleService/UnaryRpc",
                    RawGrpc.frame(HELLO.toByteArray()), "grpc-timeout", "soon");
            assertEquals("13", response.headers().firstValue("grpc-status").orElse(null));
            assertTrue(response.headers().firstValue("grpc-message").orElse("").contains("grpc-timeout"));
        }
    }

    @Test
    void aPlainHttpCallWithNoRouteGetsA404JsonBody() throws Exception {
        try (Gateway gateway = Gateway.start("")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/nowhere")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
            assertTrue(response.body().contains("\"error\":\"UNIMPLEMENTED\""), response.body());
            assertTrue(response.body().contains("no route for GET"), response.body());
        }
    }

    @Test
    void aRequestJettyRejectsBeforeRoutingGetsJsonNotAnHtmlPage() throws Exception {
        try (Gateway gateway = Gateway.start("")) {
            String reply = RawHttp.send(gateway.port(), "GET /%zz HTTP/1.0\r\nHost: a\r\n\r\n");
            assertTrue(reply.startsWith("HTTP/1.1 400 "), reply);
            assertTrue(reply.contains("Content-Type: application/json"), reply);
            assertTrue(reply.endsWith("}"), reply);
        }
    }

    @Test
    void aGrpcCallJettyRejectsBeforeReadingItsHeadersGetsJsonThatGrpcClientsReadAsInternal() throws Exception {
        MethodDescriptor<SimpleRequest, SimpleResponse> ambiguous = SimpleServiceGrpc.getUnaryRpcMethod().toBuilder()
                .setFullMethodName("a/../../x").build();
        try (Gateway gateway = Gateway.start("")) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(gateway.channel(), ambiguous, CallOptions.DEFAULT, HELLO));
            assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("content-type: application/json"), e.getStatus().getDescription());
        }
    }
}

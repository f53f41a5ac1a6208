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

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    void repliesHeldBackByTheirCallersFlowControlHoldNoThreadAndHoldUpNoOtherCaller() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try (Gateway gateway = Gateway.start("")) {
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(404, noRoute(client, gateway).statusCode());
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            for (int i = 0; i < 200; i++) {
                Socket caller = new Socket("127.0.0.1", gateway.port());
                caller.setSoTimeout(5000);
                stalled.add(caller);
                // An h2c caller that grants no window: the 404's JSON body can never be sent to it.
                sendNoRouteRequestGrantingNoWindow(caller.getOutputStream());
                awaitReplyHeaders(caller.getInputStream());
            }

            long start = System.nanoTime();
            HttpResponse<String> response = noRoute(client, gateway);

            assertEquals(404, response.statusCode());
            assertTrue(response.body().contains("no route for GET"), response.body());
            assertTrue(System.nanoTime() - start < 1_000_000_000L, "a caller waited behind the stalled ones");
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            assertTrue(threadsAfter <= threadsBefore + 8, threadsBefore + " threads before, " + threadsAfter + " after");
        } finally {
            for (Socket caller : stalled) {
                caller.close();
            }
        }
    }

    private static HttpResponse<String> noRoute(HttpClient client, Gateway gateway) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/elsewhere"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads frames until the HEADERS of the reply to stream 1: its body is then pending, held by flow control. */
    private static void awaitReplyHeaders(InputStream in) throws Exception {
        DataInputStream frames = new DataInputStream(in);
        while (true) {
            byte[] head = new byte[9];
            frames.readFully(head);
            int length = (head[0] & 0xFF) << 16 | (head[1] & 0xFF) << 8 | head[2] & 0xFF;
            frames.skipNBytes(length);
            if (head[3] == 0x1) {
                return;
            }
        }
    }

    /** The h2c preface, SETTINGS_INITIAL_WINDOW_SIZE 0, and a GET of an unrouted path, its header block by hand. */
    private static void sendNoRouteRequestGrantingNoWindow(OutputStream out) throws Exception {
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {0, 0, 6, 0x4, 0, 0, 0, 0, 0, 0, 0x4, 0, 0, 0, 0});
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82); // :method GET
        block.write(0x86); // :scheme http
        literal(block, 0x04, "/nowhere"); // :path, name from the static table
        literal(block, 0x01, "127.0.0.1"); // :authority
        byte[] headers = block.toByteArray();
        out.write(new byte[] {0, 0, (byte) headers.length, 0x1, 0x5, 0, 0, 0, 1}); // HEADERS, END_STREAM|END_HEADERS
        out.write(headers);
        out.flush();
    }

    private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        block.write(nameIndex);
        block.write(value.length());
        block.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
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

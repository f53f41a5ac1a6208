package com.acme.requestid;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import io.legate.testing.HelloWorld;
import io.legate.testing.Mappings;
import io.legate.testing.UpstreamServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin in a whole gateway, configured by nothing: installed is on, with its defaults. */
class RequestIdGatewayTest {

    // The core ends no proxied response once a response filter is registered (see the report of this change).
    private static final HttpClient H1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    private static EchoHttpServer http;
    private static UpstreamServer grpc;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        http = EchoHttpServer.start();
        grpc = UpstreamServer.start();
        gateway = Gateway.startWithResources(Mappings.grpc("grpc", "/grpc.testing.SimpleService/", grpc.address())
                + "---\napiVersion: getambassador.io/v3alpha1\nkind: Mapping\nmetadata:\n  name: echo\n"
                + "spec:\n  prefix: /echo/\n  service: " + http.address() + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        grpc.close();
        http.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return H1.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String replyId(HttpResponse<String> response) {
        return response.headers().firstValue("x-request-id").orElseThrow();
    }

    /** The response headers and trailers of a unary call over h2c; a failed call throws. */
    private static <Q> Metadata unaryReply(MethodDescriptor<Q, ?> method, Q request, AtomicReference<Metadata> trailers)
            throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
        AtomicReference<Metadata> headers = new AtomicReference<>();
        try {
            Channel capturing = ClientInterceptors.intercept(channel, MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
            ClientCalls.blockingUnaryCall(capturing, method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
            return headers.get();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theGatewaysOwnReplyCarriesTheId() throws Exception {
        HttpResponse<String> response = get("/nowhere");
        assertEquals(404, response.statusCode());
        UUID.fromString(replyId(response));
    }

    @Test
    void eachRequestGetsItsOwnId() throws Exception {
        assertNotEquals(replyId(get("/nowhere")), replyId(get("/nowhere")));
    }

    @Test
    void aCallersOwnIdIsKept() throws Exception {
        assertEquals("caller-42", replyId(get("/nowhere", "X-Request-Id", "caller-42")));
    }

    @Test
    void aGrpcCallThatIsNotRoutedCarriesTheIdInItsTrailersOnlyReply() {
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> unaryReply(HelloWorld.SAY_HELLO, StringValue.of("world"), trailers));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        UUID.fromString(trailers.get().get(REQUEST_ID));
    }

    @Test
    void theUpstreamGetsTheIdTheCallerSees() throws Exception {
        HttpResponse<String> response = get("/echo/x");
        assertTrue(response.body().contains("\nx-request-id: " + replyId(response) + "\n"), response.body());
    }

    @Test
    void aGrpcCallerSeesTheIdInTheResponseHeaders() throws Exception {
        Metadata headers = unaryReply(SimpleServiceGrpc.getUnaryRpcMethod(),
                SimpleRequest.newBuilder().setRequestMessage("hello").build(), new AtomicReference<>());
        UUID.fromString(headers.get(REQUEST_ID));
    }
}

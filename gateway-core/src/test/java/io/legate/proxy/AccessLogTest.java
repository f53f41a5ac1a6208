package io.legate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.legate.testing.HelloWorld;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.UpstreamServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log: one JSON object per line per call, every field of it, and trace context passed on untouched. */
class AccessLogTest {

    private static final String PREFIX = "/grpc.testing.SimpleService/";
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    /** What varies from run to run: the time, the caller's port, the duration. */
    private static final Pattern VARYING = Pattern.compile(
            "\\{\"time\":\"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z)\",\"client\":\"127\\.0\\.0\\.1:(\\d+)\""
                    + "(.*),\"duration_ms\":(\\d+\\.\\d{3})(.*)");

    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("logs/access.log");
    }

    /** The line with what varies replaced by {@code TIME}, {@code PORT} and {@code MS}, once checked for its form. */
    private static String steady(String line) {
        Matcher m = VARYING.matcher(line);
        assertTrue(m.matches(), line);
        return "{\"time\":\"TIME\",\"client\":\"127.0.0.1:PORT\"" + m.group(3) + ",\"duration_ms\":MS" + m.group(5);
    }

    @Test
    void aGrpcCallIsLoggedWithEveryField() throws Exception {
        byte[] frame = RawGrpc.frame(SimpleRequest.newBuilder().setRequestMessage("hello").build().toByteArray());
        HttpResponse<byte[]> reply;
        String upstreamAddress;
        int port;
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.start(Mappings.grpc("echo", PREFIX, upstream.address()),
                     Gateway.loopback().withAccessLog(log()))) {
            upstreamAddress = upstream.address();
            port = gateway.port();
            reply = RawGrpc.post(port, PREFIX + "UnaryRpc", frame, "te", "trailers",
                    "x-request-id", "req-\"7\"", "traceparent", TRACEPARENT);
        }

        assertEquals(200, reply.statusCode());
        List<String> lines = Files.readAllLines(log());
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("{\"time\":\"TIME\",\"client\":\"127.0.0.1:PORT\",\"authority\":\"127.0.0.1:" + port + "\","
                + "\"method\":\"POST\",\"path\":\"/grpc.testing.SimpleService/UnaryRpc\",\"mapping\":\"echo\","
                + "\"upstream\":\"" + upstreamAddress + "\",\"status\":200,\"grpc_status\":0,"
                + "\"request_bytes\":" + frame.length + ",\"response_bytes\":" + reply.body().length + ","
                + "\"duration_ms\":MS,\"request_id\":\"req-\\\"7\\\"\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}",
                steady(lines.get(0)));
    }

    @Test
    void aRequestWithNoRouteIsLoggedAs404WithoutMappingNorUpstream() throws Exception {
        HttpResponse<String> reply;
        int port;
        try (Gateway gateway = Gateway.start("", Gateway.loopback().withAccessLog(log()))) {
            port = gateway.port();
            reply = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/nowhere?x=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        assertEquals(404, reply.statusCode());
        List<String> lines = Files.readAllLines(log());
        assertEquals(List.of("{\"time\":\"TIME\",\"client\":\"127.0.0.1:PORT\",\"authority\":\"127.0.0.1:" + port + "\","
                + "\"method\":\"GET\",\"path\":\"/nowhere?x=1\",\"mapping\":null,\"upstream\":null,\"status\":404,"
                + "\"grpc_status\":null,\"request_bytes\":0,\"response_bytes\":" + reply.body().length() + ","
                + "\"duration_ms\":MS}"), lines.stream().map(AccessLogTest::steady).toList());
    }

    @Test
    void eachCallHasALineOfItsOwn() throws Exception {
        try (Gateway gateway = Gateway.start("", Gateway.loopback().withAccessLog(log()))) {
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                client.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/call/" + i)).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }

        List<String> paths = Files.readAllLines(log()).stream()
                .map(line -> line.replaceAll(".*\"path\":\"([^\"]*)\".*", "$1")).toList();
        assertEquals(List.of("/call/0", "/call/1", "/call/2"), paths);
    }

    @Test
    void traceContextReachesTheUpstreamUntouched() throws Exception {
        String tracestate = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";
        try (EchoHttpServer upstream = EchoHttpServer.start();
             Gateway gateway = Gateway.start(Mappings.http("echo", upstream.address(), "prefix: /"))) {
            String echoed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/t"))
                            .header("traceparent", TRACEPARENT).header("tracestate", tracestate).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            assertTrue(echoed.contains("\ntraceparent: " + TRACEPARENT + "\n"), echoed);
            assertTrue(echoed.contains("\ntracestate: " + tracestate + "\n"), echoed);
        }
    }

    @Test
    void traceContextReachesAGrpcUpstreamUntouched() throws Exception {
        Metadata.Key<String> traceparent = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
        Metadata.Key<String> tracestate = Metadata.Key.of("tracestate", Metadata.ASCII_STRING_MARSHALLER);
        CompletableFuture<Metadata> seen = new CompletableFuture<>();
        ServerInterceptor recording = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                seen.complete(headers);
                return next.startCall(call, headers);
            }
        };
        Server greeter = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(HelloWorld.greeter(), recording)).build().start();
        Metadata sent = new Metadata();
        sent.put(traceparent, TRACEPARENT);
        sent.put(tracestate, "congo=t61rcWkgMzE");
        try (Gateway gateway = Gateway.start(Mappings.grpc("greeter", "/helloworld.Greeter/",
                "127.0.0.1:" + greeter.getPort()))) {
            Channel traced = ClientInterceptors.intercept(gateway.channel(), MetadataUtils.newAttachHeadersInterceptor(sent));
            ClientCalls.blockingUnaryCall(traced, HelloWorld.SAY_HELLO,
                    CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), StringValue.of("you"));

            Metadata received = seen.get(5, TimeUnit.SECONDS);
            assertEquals(TRACEPARENT, received.get(traceparent));
            assertEquals("congo=t61rcWkgMzE", received.get(tracestate));
        } finally {
            greeter.shutdownNow();
        }
    }
}

package io.legate.proxy;

import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.pluginhost.PluginRegistry;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.UpstreamServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a plugin's filter can do to a request and its response, and what happens when it breaks the contract. */
class PluginChainTest {

    private static final HttpClient H1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Metadata.Key<String> SCRIPT = Metadata.Key.of("x-script", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> PLUGIN = Metadata.Key.of("x-plugin", Metadata.ASCII_STRING_MARSHALLER);

    private static EchoHttpServer echo;
    private static UpstreamServer grpc;
    private static Gateway gateway;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoHttpServer.start();
        grpc = UpstreamServer.start();
        String service = echo.address();
        gateway = Gateway.startWithResources(Mappings.http("echo", service, "prefix: /echo/")
                        + Mappings.http("tagged", service, "prefix: /tagged/", "plugins: {scripted: {tag: v1}}")
                        + Mappings.http("gated", service, "prefix: /gated/", "rewrite: /passed/",
                        "plugins: {scripted: {requires: x-pass}}")
                        + Mappings.http("open", service, "prefix: /gated/", "rewrite: /open/")
                        + Mappings.http("internal", service, "prefix: /internal/", "hostname: internal.example")
                        + Mappings.grpc("grpc", "/grpc.testing.SimpleService/", grpc.address()),
                PluginRegistry.of(new ScriptedPlugin()));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        gateway.close();
        grpc.close();
        echo.close();
    }

    private static HttpResponse<String> post(String path, String script, String body) throws Exception {
        return H1.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + path))
                .header("x-script", script).header("x-drop", "dropped")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String script, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + path)).header("x-script", script);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return H1.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A unary gRPC call with {@code x-script}; returns the trailers' x-plugin, or throws the call's status. */
    private static String grpcCall(String script) {
        Metadata headers = new Metadata();
        headers.put(SCRIPT, script);
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        SimpleServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel,
                        MetadataUtils.newAttachHeadersInterceptor(headers),
                        MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers)))
                .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("hi").build());
        return trailers.get().get(PLUGIN);
    }

    @Test
    void aHeaderAFilterSetsOrRemovesIsWhatTheUpstreamSees() throws Exception {
        String seen = post("/echo/x", "set-header", "").body();

        assertTrue(seen.contains("x-plugin: set\n"), seen);
        assertFalse(seen.contains("x-drop"), seen);
    }

    @Test
    void aContentLengthAFilterRemovesIsNotSentUpstream() throws Exception {
        String seen = post("/echo/x", "drop-length", "twelve bytes").body();

        assertFalse(seen.contains("content-length"), seen);
        assertTrue(seen.endsWith("\n\ntwelve bytes"), seen);
    }

    @Test
    void aFilterThatRepliesAnswersTheCallerWithoutTheUpstream() throws Exception {
        HttpResponse<String> response = get("/echo/x", "reply");

        assertEquals(203, response.statusCode());
        assertEquals("replied", response.headers().firstValue("x-plugin").orElseThrow());
        assertEquals("from the plugin", response.body());
    }

    @Test
    void aRejectionIsAGrpcStatusForAGrpcCaller() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> grpcCall("reject"));

        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("no token", e.getStatus().getDescription());
    }

    @Test
    void aRejectionIsItsHttpStatusWithJsonForAnotherCaller() throws Exception {
        HttpResponse<String> response = get("/echo/x", "reject");

        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("\"message\":\"no token\""), response.body());
    }

    @Test
    void aFilterThatContinuesTheChainAfterReplyingIsNamedInAnInternalError() throws Exception {
        HttpResponse<String> response = get("/echo/x", "reply-then-proceed");

        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("plugin 'scripted' broke the filter contract: it continued the chain after"
                + " replying"), response.body());
    }

    @Test
    void aFilterThatNeitherProceedsNorRepliesIsNamed() throws Exception {
        HttpResponse<String> response = get("/echo/x", "nothing");

        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("plugin 'scripted' broke the filter contract: it returned without"
                + " proceeding, replying or suspending"), response.body());
    }

    @Test
    void aFilterThatProceedsTwiceIsNamed() throws Exception {
        HttpResponse<String> response = get("/echo/x", "proceed-twice");

        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("it called proceed() twice"), response.body());
    }

    @Test
    void aFilterThatThrowsIsNamedAndTheCallerGetsAnInternalError() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> grpcCall("throw"));

        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("plugin 'scripted' failed in its filter"),
                e.getStatus().getDescription());
    }

    @Test
    void aResponseFilterSeesTheUpstreamsReply() throws Exception {
        assertEquals("seen 200", get("/echo/x", "stamp-response").headers().firstValue("x-plugin").orElseThrow());
    }

    @Test
    void aResponseFilterSeesTheGatewaysOwnErrorReplies() throws Exception {
        HttpResponse<String> response = get("/nowhere", "stamp-response");

        assertEquals(404, response.statusCode());
        assertEquals("seen 404", response.headers().firstValue("x-plugin").orElseThrow());
    }

    @Test
    void aRequestBodyFilterTransformsWhatTheUpstreamReceives() throws Exception {
        String seen = post("/echo/x", "upper-body", "quiet words").body();

        assertTrue(seen.endsWith("\n\nQUIET WORDS"), seen);
    }

    @Test
    void aBodyARequestBodyFilterRefusesIsAnsweredBadRequestWithItsMessage() throws Exception {
        HttpResponse<String> response = post("/echo/x", "refuse-body", "anything");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("bad body"), response.body());
    }

    @Test
    void aResponseFilterTransformsTheBodyAndAddsToItsEnd() throws Exception {
        String body = get("/echo/x", "transform-response").body();

        assertTrue(body.startsWith("GET /X\n"), body);
        assertTrue(body.endsWith("END"), body);
    }

    @Test
    void aResponseFilterCanAddToTheTrailersOfAGrpcCall() {
        assertEquals("ended", grpcCall("add-trailer"));
    }

    @Test
    void anAuthorityAFilterSetsIsWhatRoutingSees() throws Exception {
        assertEquals(404, get("/internal/x", "").statusCode());
        assertTrue(get("/internal/x", "authority").body().contains("host: internal.example\n"));
    }

    @Test
    void aFilterReadsTheSettingsOfTheMappingThatRoutesTheRequest() throws Exception {
        assertTrue(get("/tagged/x", "tag").body().contains("x-tag: v1\n"));
        assertFalse(get("/echo/x", "tag").body().contains("x-tag"));
    }

    @Test
    void aRouteConditionOfAPluginSelectsAmongMappingsOfTheSamePrefix() throws Exception {
        assertTrue(get("/gated/x", "", "x-pass", "1").body().startsWith("GET /passed/x\n"));
        assertTrue(get("/gated/x", "").body().startsWith("GET /open/x\n"));
    }

    @Test
    void aSuspendedFilterResumesTheChainFromAnotherThreadOnceItsIoIsDone() throws Exception {
        HttpResponse<String> response = post("/echo/x", "async-proceed", "after a look-up");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("x-plugin: resumed on scripted-io\n"), response.body());
        assertTrue(response.body().endsWith("after a look-up"), response.body());
    }

    @Test
    void aSuspendedFilterMayRejectTheRequestOnceItsIoIsDone() throws Exception {
        HttpResponse<String> response = get("/echo/x", "async-reject");

        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("denied after a look-up"), response.body());
    }

    @Test
    void aSuspendedGrpcCallIsRejectedWithTheStatusOfTheFilter() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> grpcCall("async-reject"));

        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("denied after a look-up", e.getStatus().getDescription());
    }

    @Test
    void aSuspendedFilterThatNeverResumesIsNamedOnceItsTimeIsUp() throws Exception {
        HttpResponse<String> response = get("/echo/x", "async-never");

        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("plugin 'scripted' broke the filter contract: it did not resume the"
                + " suspended chain within 100 ms"), response.body());
    }

    @Test
    void aFilterThatResumesTwiceIsRefusedTheSecondTimeAndTheRequestGoesOnOnce() throws Exception {
        ScriptedPlugin.SECOND_RESUME.clear();

        HttpResponse<String> response = get("/echo/x", "resume-twice");

        assertEquals(200, response.statusCode());
        assertEquals("plugin 'scripted' broke the filter contract: it called proceed() twice",
                ScriptedPlugin.SECOND_RESUME.poll(5, TimeUnit.SECONDS).getMessage());
    }

    @Test
    void aFilterSeesTheCallersConnection() throws Exception {
        String seen = get("/echo/x", "connection").body();

        assertTrue(seen.contains("x-plugin: 127.0.0.1 to " + gateway.port() + " in cleartext\n"), seen);
    }
}

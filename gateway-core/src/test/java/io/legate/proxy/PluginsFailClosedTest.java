package io.legate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.pluginhost.PluginRegistry;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.FailingPlugin;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.UpstreamServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A resource that configures a plugin the gateway cannot run (not loaded, or its filter cannot be made) is never
 * served without it: an authentication or routing plugin left out would let more requests through.
 */
class PluginsFailClosedTest {

    private static final HttpClient H1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String SIMPLE = "/grpc.testing.SimpleService/";
    private static final String MISSING = "plugin 'acme_auth' is not loaded";

    private static EchoHttpServer echo;
    private static UpstreamServer grpc;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoHttpServer.start();
        grpc = UpstreamServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        grpc.close();
        echo.close();
    }

    /** A gRPC Mapping and an HTTP one, each configuring {@code acme_auth} when told to. */
    private static String mappings(boolean grpcGuarded, boolean httpGuarded) {
        String guard = "plugins: {acme_auth: {realm: staff}}";
        return Mappings.grpc("simple", SIMPLE, grpc.address(), grpcGuarded ? guard : "precedence: 0")
                + Mappings.http("echo", echo.address(), "prefix: /echo/", httpGuarded ? guard : "precedence: 0");
    }

    private static String module(String config) {
        return "---\napiVersion: getambassador.io/v3alpha1\nkind: Module\nmetadata: {name: ambassador}\nspec:\n"
                + "  config: " + config + "\n";
    }

    private static StatusRuntimeException failedGrpcCall(Gateway gateway) {
        return assertThrows(StatusRuntimeException.class, () -> SimpleServiceGrpc.newBlockingStub(gateway.channel())
                .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("let me in").build()));
    }

    private static HttpResponse<String> get(Gateway gateway, String path) throws Exception {
        return H1.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aGrpcMappingConfiguringAPluginThatIsNotLoadedAnswersUnavailableNamingIt() throws Exception {
        try (Gateway gateway = Gateway.startWithStoredResources(mappings(true, false), PluginRegistry.of())) {
            StatusRuntimeException e = failedGrpcCall(gateway);

            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            assertEquals(MISSING + " (Mapping/simple configures it)", e.getStatus().getDescription());
        }
    }

    @Test
    void anHttpMappingConfiguringAPluginThatIsNotLoadedAnswers503NamingIt() throws Exception {
        try (Gateway gateway = Gateway.startWithStoredResources(mappings(false, true), PluginRegistry.of())) {
            HttpResponse<String> response = get(gateway, "/echo/secret");

            assertEquals(503, response.statusCode(), response::body);
            assertTrue(response.body().contains(MISSING + " (Mapping/echo configures it)"), response::body);
        }
    }

    @Test
    void theMappingsThatDoNotConfigureTheMissingPluginServe() throws Exception {
        try (Gateway gateway = Gateway.startWithStoredResources(mappings(true, false), PluginRegistry.of())) {
            HttpResponse<String> response = get(gateway, "/echo/public");

            assertEquals(200, response.statusCode(), response::body);
            assertTrue(response.body().startsWith("GET /public\n"), response::body);
        }
    }

    @Test
    void aModuleConfiguringAPluginThatIsNotLoadedFailsEveryRequestClosed() throws Exception {
        try (Gateway gateway = Gateway.startWithStoredResources(mappings(false, false)
                + module("{acme_auth: {realm: staff}}"), PluginRegistry.of())) {
            StatusRuntimeException e = failedGrpcCall(gateway);
            HttpResponse<String> response = get(gateway, "/echo/public");

            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            assertEquals(MISSING + " (Module/ambassador configures it)", e.getStatus().getDescription());
            assertEquals(503, response.statusCode(), response::body);
            assertTrue(response.body().contains(MISSING + " (Module/ambassador configures it)"), response::body);
        }
    }

    @Test
    void aPluginWhoseFilterCannotBeMadeFailsEveryRequestClosed() throws Exception {
        try (Gateway gateway = Gateway.startWithResources(mappings(false, false), PluginRegistry.of(new FailingPlugin()))) {
            StatusRuntimeException e = failedGrpcCall(gateway);
            HttpResponse<String> response = get(gateway, "/echo/public");

            String message = "plugin 'failing' failed to make its filter: java.lang.IllegalStateException: no key";
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            assertEquals(message, e.getStatus().getDescription());
            assertEquals(503, response.statusCode(), response::body);
            assertTrue(response.body().contains(message), response::body);
        }
    }
}

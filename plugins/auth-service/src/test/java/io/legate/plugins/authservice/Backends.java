package io.legate.plugins.authservice;

import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What sits around a test gateway, for a test class: an authorization service, a gRPC upstream, an HTTP one that
 * echoes requests, and callers; each test's gateway serves an AuthService with the Mappings {@code hello} (gRPC),
 * {@code echo} ({@code /echo/}) and {@code open} ({@code /open/}, {@code bypass_auth: true}).
 */
final class Backends<A extends AuthServer>
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Supplier<A> authServer;
    A auth;
    RecordingUpstream grpc;
    EchoHttpServer http;
    Callers callers;
    private Gateway gateway;

    /** @param authServer starts the authorization service, once for the class */
    Backends(Supplier<A> authServer) {
        this.authServer = authServer;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        auth = authServer.get();
        grpc = new RecordingUpstream();
        http = EchoHttpServer.start();
        callers = new Callers();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        auth.forget();
        grpc.forget();
    }

    /** A gateway serving {@code authServiceYaml} and the three Mappings, {@code hello} with the spec lines given. */
    Gateway start(String authServiceYaml, String... helloSpecLines) throws Exception {
        gateway = Gateway.startWithResources(resources(authServiceYaml, helloSpecLines));
        return gateway;
    }

    /** Serves {@code authServiceYaml} instead, as a write through the admin API would. */
    void apply(String authServiceYaml) {
        gateway.apply(resources(authServiceYaml));
    }

    private String resources(String authServiceYaml, String... helloSpecLines) {
        return authServiceYaml
                + Mappings.grpc("hello", "/helloworld.Greeter/", grpc.address(), helloSpecLines)
                + Mappings.http("echo", http.address(), "prefix: /echo/", "rewrite: \"\"")
                + Mappings.http("open", http.address(), "prefix: /open/", "rewrite: \"\"", "bypass_auth: true");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        callers.close();
        http.close();
        grpc.close();
        auth.close();
    }
}

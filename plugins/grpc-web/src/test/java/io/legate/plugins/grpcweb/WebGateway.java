package io.legate.plugins.grpcweb;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import io.legate.testing.HelloWorld;
import io.legate.testing.Mappings;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.testing.UpstreamServer;
import io.legate.tls.CertifiedKey;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A whole gateway for the integration tests, with this plugin on its class path: grpc-java upstreams serving
 * grpc.testing's SimpleService and helloworld's Greeter, a plain-HTTP upstream under {@code /echo/}, both listeners (the
 * TLS one for {@link WebClients#TLS_HOST}) and the Module spec lines given.
 */
final class WebGateway implements AutoCloseable {

    static final CertifiedKey CA = TestCertificates.ca("grpc-web ca");
    private static final CertifiedKey CERTIFICATE = TestCertificates.server(CA, WebClients.TLS_HOST);

    final UpstreamServer upstream;
    final Server greeter;
    final EchoHttpServer echo;
    final Gateway gateway;
    final WebClients clients;

    private WebGateway(UpstreamServer upstream, Server greeter, EchoHttpServer echo, Gateway gateway) throws Exception {
        this.upstream = upstream;
        this.greeter = greeter;
        this.echo = echo;
        this.gateway = gateway;
        this.clients = new WebClients(gateway, CA);
    }

    /**
     * @param moduleConfig lines under the Module's {@code spec.config}, e.g. {@code "enable_grpc_web: true"}
     * @param extraResources more resource YAML, such as Mappings with their own {@code cors}; {@code {echo}} and
     *                       {@code {simple}} in it stand for the plain-HTTP and the SimpleService upstreams' addresses
     */
    static WebGateway start(String moduleConfig, String extraResources) throws Exception {
        UpstreamServer upstream = UpstreamServer.start();
        Server greeter = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(HelloWorld.greeter()).build().start();
        EchoHttpServer echo = EchoHttpServer.start();
        String resources = Resources.secret("web-cert", CERTIFICATE)
                + Resources.host("web", WebClients.TLS_HOST, "web-cert", null)
                + Resources.tlsContext("web-tls", "hosts:", "- \"" + WebClients.TLS_HOST + "\"", "secret: web-cert",
                        "alpn_protocols: h2,http/1.1")
                + Mappings.grpc("simple", "/grpc.testing.SimpleService/", upstream.address())
                + Mappings.grpc("greeter", "/helloworld.Greeter/", "127.0.0.1:" + greeter.getPort())
                + "---\napiVersion: getambassador.io/v3alpha1\nkind: Mapping\nmetadata:\n  name: echo\nspec:\n"
                + "  hostname: \"*\"\n  prefix: /echo/\n  service: " + echo.address() + "\n"
                + "---\napiVersion: getambassador.io/v3alpha1\nkind: Module\nmetadata:\n  name: ambassador\nspec:\n"
                + "  config:\n" + TestCertificates.indent(moduleConfig)
                + extraResources.replace("{echo}", echo.address()).replace("{simple}", upstream.address());
        try {
            return new WebGateway(upstream, greeter, echo, Gateway.startWithResources(resources));
        } catch (Exception | Error e) {
            // Refused resources are a test's expected outcome too: leave no server behind.
            echo.close();
            greeter.shutdownNow();
            upstream.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        clients.close();
        gateway.close();
        echo.close();
        greeter.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        upstream.close();
    }
}

package io.legate.server;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.legate.config.GatewayConfig;
import io.legate.testing.HelloWorld;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's walk-through: the Emissary guide's Mapping in {@code conf/resources/}, a helloworld call through it. */
class LauncherTest {

    private static final Path EXAMPLE = Path.of("..", "conf", "examples", "grpc-py.yaml");

    @TempDir
    Path resources;

    private Server greeter;

    @BeforeEach
    void startGreeter() throws Exception {
        greeter = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(HelloWorld.greeter()).build().start();
    }

    @AfterEach
    void stopGreeter() throws Exception {
        greeter.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private String exampleMappingForOurGreeter() throws Exception {
        return Files.readString(EXAMPLE).replace("service: 127.0.0.1:50051", "service: 127.0.0.1:" + greeter.getPort());
    }

    private String sayHello(RunningGateway gateway, String name) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.httpPort()).usePlaintext().build();
        try {
            return ClientCalls.blockingUnaryCall(channel, HelloWorld.SAY_HELLO, CallOptions.DEFAULT, StringValue.of(name)).getValue();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private GatewayConfig config() {
        return new GatewayConfig("127.0.0.1", 0, 0, "127.0.0.1", 0, resources, resources.resolve("data"));
    }

    @Test
    void theGuidesMappingRoutesHelloworldToTheGreeter() throws Exception {
        Files.writeString(resources.resolve("grpc-py.yaml"), exampleMappingForOurGreeter());
        try (RunningGateway gateway = Launcher.start(config())) {
            assertEquals("Hello, you", sayHello(gateway, "you"));
        }
    }

    @Test
    void badResourceFilesAreSkippedAndTheGoodOnesServe() throws Exception {
        Files.writeString(resources.resolve("a-broken.yaml"), "kind: Mapping\nmetadata: [unclosed\n");
        Files.writeString(resources.resolve("b-no-prefix.yaml"),
                "apiVersion: getambassador.io/v3alpha1\nkind: Mapping\nmetadata: {name: np}\nspec: {service: 127.0.0.1:1}\n");
        Files.writeString(resources.resolve("c-bad-port.yaml"),
                "apiVersion: getambassador.io/v3alpha1\nkind: Mapping\nmetadata: {name: bp}\nspec: {prefix: /x/, service: \"127.0.0.1:abc\"}\n");
        Files.writeString(resources.resolve("d-good.yaml"), exampleMappingForOurGreeter().replace("grpc-py", "good"));
        try (RunningGateway gateway = Launcher.start(config())) {
            assertEquals(1, gateway.routes().routes().size());
            assertEquals("Hello, again", sayHello(gateway, "again"));
        }
    }
}

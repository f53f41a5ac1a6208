package io.legate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.legate.pluginhost.PluginRegistry;
import io.legate.routing.EndpointDirectory;
import io.legate.routing.EndpointSource;
import io.legate.snapshot.GatewaySnapshot;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Kubernetes-shaped Endpoints kind: what it accepts, and the directory a snapshot builds of it. */
class EndpointsValidationTest {

    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void kubectlsShapeIsReadWithEveryAddressAndTcpPort() {
        LoadResult result = loader.parse("e.yaml", endpoints("""
                subsets:
                - addresses: [{ip: 10.0.0.7}, {ip: "fd00::7"}]
                  notReadyAddresses: [{ip: 10.0.0.9}]
                  ports: [{name: grpc, port: 50051, protocol: TCP}, {name: admin, port: 9000}]"""));

        assertEquals(List.of(), result.problems());
        assertEquals(new EndpointsSpec(List.of(new EndpointDirectory.Subset(List.of("10.0.0.7", "fd00::7"),
                List.of(50051, 9000)))), result.resources().get(0).typed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"quote.shop", "10.0.0.256", "10.0.0", "fd00::7::8", "10.0.0.7%eth0", ""})
    void anIpThatIsNotAnAddressIsAnError(String ip) {
        assertEquals(List.of("subsets[0].addresses[0].ip: \"" + ip + "\" is not an IP address (expected IPv4 such as"
                        + " 10.0.0.7 or IPv6 such as fd00::7; a host name is not resolved here)"),
                errors(endpoints("subsets: [{addresses: [{ip: \"" + ip + "\"}], ports: [{port: 80}]}]")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65536, -1})
    void aPortOutOfRangeIsAnError(int port) {
        assertEquals(List.of("subsets[0].ports[0].port: " + port + " is out of range (expected 1-65535)"),
                errors(endpoints("subsets: [{addresses: [{ip: 10.0.0.7}], ports: [{port: " + port + "}]}]")));
    }

    @Test
    void aUdpPortIsLeftOutWithAWarning() {
        LoadResult result = loader.parse("e.yaml", endpoints(
                "subsets: [{addresses: [{ip: 10.0.0.7}], ports: [{port: 53, protocol: UDP}, {port: 8080}]}]"));

        assertEquals(List.of("subsets[0].ports[0].protocol: UDP: left out, Legate speaks TCP only"),
                result.problems().stream().map(p -> p.field() + ": " + p.message()).toList());
        assertEquals(List.of(8080), ((EndpointsSpec) result.resources().get(0).typed()).subsets().get(0).ports());
    }

    @Test
    void theSnapshotsDirectoryHoldsEachEndpointsByNameAndNamespace() {
        LoadResult result = loader.parse("e.yaml", endpoints("subsets: [{addresses: [{ip: 10.0.0.7}], ports: [{port:"
                + " 50051}]}]") + "---\n" + endpoints("subsets: [{addresses: [{ip: 10.0.1.7}], ports: [{port: 8080}]}]")
                .replace("  name: quote\n", "  name: stock\n  namespace: shop\n"));

        EndpointDirectory directory = GatewaySnapshot.of(result.resources(), PluginRegistry.classPath()).endpoints();

        assertEquals(List.of(new InetSocketAddress("10.0.0.7", 50051)),
                directory.addresses(new EndpointSource.Endpoints("quote", null, 0)));
        assertEquals(List.of(new InetSocketAddress("10.0.1.7", 8080)),
                directory.addresses(new EndpointSource.Endpoints("stock", "shop", 0)));
        assertEquals(List.of(), directory.addresses(new EndpointSource.Endpoints("stock", null, 0)));
    }

    private List<String> errors(String yaml) {
        return loader.parse("e.yaml", yaml).errors().stream().map(p -> p.field() + ": " + p.message()).toList();
    }

    private static String endpoints(String body) {
        return """
                apiVersion: v1
                kind: Endpoints
                metadata:
                  name: quote
                """ + body + "\n";
    }
}

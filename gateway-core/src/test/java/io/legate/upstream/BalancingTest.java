package io.legate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.legate.tls.CertifiedKey;
import io.legate.testing.Gateway;
import io.legate.testing.HelloWorld;
import io.legate.testing.NamedGreeter;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls through the whole gateway to a fleet of three real grpc-java upstreams on loopback. */
class BalancingTest {

    private static final CertifiedKey CA = TestCertificates.ca("balancing ca");
    private static final CertifiedKey SERVER = TestCertificates.server(CA, "grpc.example.com");

    private final List<NamedGreeter> fleet = new ArrayList<>();
    private Gateway gateway;

    @BeforeEach
    void startFleet() throws Exception {
        for (String name : List.of("a", "b", "c")) {
            fleet.add(NamedGreeter.start(name));
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        for (NamedGreeter member : fleet) {
            member.close();
        }
    }

    private static String mapping(String... extraLines) {
        StringBuilder yaml = new StringBuilder("""
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: greeter
                spec:
                  prefix: /helloworld.Greeter/
                  service: greeters
                  grpc: true
                  resolver: endpoint
                """);
        for (String line : extraLines) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.toString();
    }

    private Gateway start(String... extraLines) throws Exception {
        gateway = Gateway.startWithResources(mapping(extraLines)
                + NamedGreeter.endpoints("greeters", fleet.toArray(NamedGreeter[]::new)));
        return gateway;
    }

    private static String hello(Channel channel) {
        return ClientCalls.blockingUnaryCall(channel, HelloWorld.SAY_HELLO,
                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), StringValue.of("x")).getValue();
    }

    private void assertEvenSpread(Channel channel) {
        for (int i = 0; i < 3000; i++) {
            hello(channel);
        }
        for (NamedGreeter member : fleet) {
            assertTrue(Math.abs(member.calls() - 1000) <= 100, member.name() + " got " + member.calls());
        }
    }

    @Test
    void callsOfOneClientConnectionSpreadEvenlyOverEveryEndpoint() throws Exception {
        assertEvenSpread(start().channel());
    }

    @Test
    void callsOfOneTlsClientConnectionSpreadEvenlyOverEveryEndpoint() throws Exception {
        gateway = Gateway.startWithResources(Resources.secret("cert", SERVER)
                + Resources.host("grpc", "grpc.example.com", "cert", null) + mapping()
                + NamedGreeter.endpoints("greeters", fleet.toArray(NamedGreeter[]::new)));
        ManagedChannel tls = gateway.tlsChannel(CA, "grpc.example.com", null);
        try {
            assertEvenSpread(tls);
        } finally {
            tls.shutdownNow();
        }
    }

    @Test
    void ringHashSendsEveryCallOfOneKeyToOneEndpoint() throws Exception {
        start("load_balancer: {policy: ring_hash, header: x-user}");
        Map<String, String> endpointOfUser = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String user = "user-" + (i % 10);
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("x-user", Metadata.ASCII_STRING_MARSHALLER), user);
            Channel keyed = ClientInterceptors.intercept(gateway.channel(),
                    MetadataUtils.newAttachHeadersInterceptor(headers));
            String member = hello(keyed);
            assertEquals(endpointOfUser.computeIfAbsent(user, u -> member), member, user + " moved");
        }
        assertTrue(endpointOfUser.values().stream().distinct().count() > 1, "every user on one endpoint");
    }
}

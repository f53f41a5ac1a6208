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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Metadata.Key<String> SET_COOKIE = Metadata.Key.of("set-cookie", Metadata.ASCII_STRING_MARSHALLER);
    private static final String STICKY = "load_balancer: {policy: ring_hash, cookie: {name: affinity, ttl: 60s, path: /}}";

    /** The member that answered, and the {@code Set-Cookie} of its reply (null for none). */
    private record Answer(String member, String setCookie) {
    }

    private static Answer helloWithCookie(Channel channel, String cookie) {
        Metadata sent = new Metadata();
        if (cookie != null) {
            sent.put(Metadata.Key.of("cookie", Metadata.ASCII_STRING_MARSHALLER), cookie);
        }
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        String member = hello(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(sent),
                MetadataUtils.newCaptureMetadataInterceptor(headers, trailers)));
        return new Answer(member, headers.get().get(SET_COOKIE));
    }

    @Test
    void aCallWithoutTheHashCookieGetsOneAndTheCallsSendingItBackAllReachItsEndpoint() throws Exception {
        start(STICKY);
        for (int caller = 0; caller < 5; caller++) {
            Answer first = helloWithCookie(gateway.channel(), null);
            assertTrue(first.setCookie() != null, "no Set-Cookie on a call without the cookie");
            Matcher made = Pattern.compile("affinity=([0-9a-f]{32}); Max-Age=60; Path=/; HttpOnly")
                    .matcher(first.setCookie());
            assertTrue(made.matches(), first.setCookie());
            for (int i = 0; i < 30; i++) {
                Answer again = helloWithCookie(gateway.channel(), "affinity=" + made.group(1));
                assertEquals(first.member(), again.member(), "a call sending the cookie back moved");
                assertEquals(null, again.setCookie(), "a call that sent the cookie got another");
            }
        }
    }

    @Test
    void madeHashCookiesAreRandomNotTheEndpointsAddress() throws Exception {
        start(STICKY);
        Set<String> cookies = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String cookie = helloWithCookie(gateway.channel(), null).setCookie();
            String value = cookie.substring("affinity=".length(), cookie.indexOf(';'));
            // Neither an address nor a port: 128 random bits, written in hex.
            assertTrue(value.matches("[0-9a-f]{32}"), value);
            assertTrue(cookies.add(value), "the same cookie made twice: " + value);
        }
    }

    @Test
    void aHashCookieWithoutTtlIsNeverMade() throws Exception {
        start("load_balancer: {policy: ring_hash, cookie: {name: affinity, path: /}}");
        Set<String> members = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            Answer answer = helloWithCookie(gateway.channel(), null);
            assertEquals(null, answer.setCookie());
            members.add(answer.member());
        }
        assertTrue(members.size() > 1, "every call without a key went to " + members);
    }

    @Test
    void anEndpointTurnedNotServingLeavesRotationWithinIntervalTimesThresholdAndComesBack() throws Exception {
        start("health_checks:", "- interval: 100ms", "  unhealthy_threshold: 2", "  healthy_threshold: 1",
                "  health_check: {grpc: {upstream_name: helloworld.Greeter}}");
        NamedGreeter b = fleet.get(1);
        b.serving(false);
        Thread.sleep(100 * 2 + 300);
        int before = b.calls();
        for (int i = 0; i < 300; i++) {
            hello(gateway.channel());
        }
        assertEquals(before, b.calls(), "calls reached an endpoint whose health checks fail");

        b.serving(true);
        Thread.sleep(100 + 300);
        for (int i = 0; i < 300; i++) {
            hello(gateway.channel());
        }
        assertTrue(b.calls() >= before + 80, "b got " + (b.calls() - before) + " of 300 once healthy again");
    }
}

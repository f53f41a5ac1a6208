package io.legate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.RecordingObserver;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.testing.UpstreamServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Emissary's "Originating TLS with gRPC service": a Mapping with https:// and tls: upstream, to a grpc-java TLS server. */
class TlsOriginationTest {

    private static final CertifiedKey CA = TestCertificates.ca("upstream ca");
    private static final CertifiedKey OTHER_CA = TestCertificates.ca("other ca");
    private static final CertifiedKey UPSTREAM = TestCertificates.server(CA, "upstream.test", "127.0.0.1");

    private static UpstreamServer upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = UpstreamServer.startTls(UPSTREAM);
        gateway = Gateway.startWithResources(config("alpn_protocols: h2", "ca_secret: upstream-ca"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    private static String config(String... tlsContextLines) {
        return Resources.caSecret("upstream-ca", CA) + Resources.caSecret("other-ca", OTHER_CA)
                + Resources.tlsContext("upstream", tlsContextLines)
                + Mappings.grpc("simple", "/grpc.testing.SimpleService/", "https://" + upstream.address(), "tls: upstream");
    }

    private static SimpleRequest request(String text) {
        return SimpleRequest.newBuilder().setRequestMessage(text).build();
    }

    @Test
    void unaryCallIsEncryptedToTheUpstream() {
        assertEquals("tls", SimpleServiceGrpc.newBlockingStub(gateway.channel()).unaryRpc(request("tls")).getResponseMessage());
    }

    @Test
    void serverStreamingIsEncryptedToTheUpstream() {
        List<String> received = new ArrayList<>();
        SimpleServiceGrpc.newBlockingStub(gateway.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(Behaviour.of().with(Behaviour.RESPONSES, 3).metadata()))
                .serverStreamingRpc(request("s")).forEachRemaining(r -> received.add(r.getResponseMessage()));
        assertEquals(List.of("s0", "s1", "s2"), received);
    }

    @Test
    void clientStreamingIsEncryptedToTheUpstream() throws Exception {
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        StreamObserver<SimpleRequest> requests = SimpleServiceGrpc.newStub(gateway.channel()).clientStreamingRpc(responses);
        requests.onNext(request("xyz"));
        requests.onCompleted();
        assertEquals("1 messages, 3 bytes", responses.awaitMessages(10).get(0).getResponseMessage());
    }

    @Test
    void bidiStreamingIsEncryptedToTheUpstream() throws Exception {
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        StreamObserver<SimpleRequest> requests = SimpleServiceGrpc.newStub(gateway.channel()).bidiStreamingRpc(responses);
        requests.onNext(request("ping"));
        assertEquals("ping", responses.next(5).getResponseMessage());
        requests.onCompleted();
        assertEquals(Status.Code.OK, responses.awaitStatus(5).getCode());
    }

    @Test
    void sniOverridesTheNameVerified() throws Exception {
        try (Gateway named = Gateway.startWithResources(config("alpn_protocols: h2", "ca_secret: upstream-ca",
                "sni: upstream.test"))) {
            assertEquals("sni", SimpleServiceGrpc.newBlockingStub(named.channel()).unaryRpc(request("sni")).getResponseMessage());
        }
    }

    @Test
    void endpointsOfAStoredEndpointsResourceAreVerifiedAgainstTheServiceName() throws Exception {
        CertifiedKey namedOnly = TestCertificates.server(CA, "greeter");
        try (UpstreamServer named = UpstreamServer.startTls(namedOnly);
             Gateway viaEndpoints = Gateway.startWithResources(Resources.caSecret("upstream-ca", CA)
                     + Resources.tlsContext("upstream", "alpn_protocols: h2", "ca_secret: upstream-ca")
                     + Mappings.grpc("simple", "/grpc.testing.SimpleService/", "https://greeter", "tls: upstream",
                             "resolver: endpoint")
                     + Resources.endpoints("greeter", named.port()))) {
            assertEquals("named", SimpleServiceGrpc.newBlockingStub(viaEndpoints.channel()).unaryRpc(request("named"))
                    .getResponseMessage());
        }
    }

    @Test
    void upstreamSignedByAnotherCaIsRefusedWithUnavailable() throws Exception {
        try (Gateway wrongCa = Gateway.startWithResources(config("alpn_protocols: h2", "ca_secret: other-ca"))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> SimpleServiceGrpc.newBlockingStub(wrongCa.channel()).unaryRpc(request("x")));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("TLS handshake failed"), e.getStatus().getDescription());
            assertTrue(e.getStatus().getDescription().contains("TLSContext upstream"), e.getStatus().getDescription());
        }
    }

    @Test
    void upstreamCertificateForAnotherNameIsRefusedWithUnavailable() throws Exception {
        try (Gateway wrongName = Gateway.startWithResources(config("alpn_protocols: h2", "ca_secret: upstream-ca",
                "sni: wrong.test"))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> SimpleServiceGrpc.newBlockingStub(wrongName.channel()).unaryRpc(request("x")));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("TLS handshake failed"), e.getStatus().getDescription());
        }
    }
}

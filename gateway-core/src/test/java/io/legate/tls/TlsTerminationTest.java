package io.legate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.TlsHandshake;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.RecordingObserver;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.testing.UpstreamServer;
import io.grpc.stub.MetadataUtils;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS termination on the TLS listener: the TLSContext of Emissary's gRPC guide, ALPN h2, two Hosts, grpc-java over TLS. */
class TlsTerminationTest {

    private static final CertifiedKey CA = TestCertificates.ca("termination ca");
    private static final CertifiedKey A = TestCertificates.server(CA, "a.example.com", "grpc.a.example.com");
    private static final CertifiedKey B = TestCertificates.server(CA, "b.example.com");

    private static UpstreamServer upstream;
    private static Gateway gateway;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        upstream = UpstreamServer.start();
        gateway = Gateway.startWithResources(Resources.secret("a-cert", A) + Resources.secret("b-cert", B)
                + Resources.host("a", "a.example.com", "a-cert", null)
                + Resources.host("b", "b.example.com", "b-cert", null)
                + Resources.tlsContext("tls", "hosts:", "- \"*\"", "secret: a-cert", "alpn_protocols: h2,http/1.1")
                + Mappings.grpc("simple", "/grpc.testing.SimpleService/", upstream.address()));
        channel = gateway.tlsChannel(CA, "a.example.com", null);
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        gateway.close();
        upstream.close();
    }

    private static SimpleRequest request(String text) {
        return SimpleRequest.newBuilder().setRequestMessage(text).build();
    }

    @Test
    void unaryCallOverTlsReachesTheUpstream() {
        SimpleResponse response = SimpleServiceGrpc.newBlockingStub(channel).unaryRpc(request("hello"));
        assertEquals("hello", response.getResponseMessage());
    }

    @Test
    void serverStreamingOverTlsDeliversEveryMessage() {
        List<String> received = new ArrayList<>();
        SimpleServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(Behaviour.of().with(Behaviour.RESPONSES, 3).metadata()))
                .serverStreamingRpc(request("m")).forEachRemaining(r -> received.add(r.getResponseMessage()));
        assertEquals(List.of("m0", "m1", "m2"), received);
    }

    @Test
    void clientStreamingOverTlsDeliversEveryMessage() throws Exception {
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        StreamObserver<SimpleRequest> requests = SimpleServiceGrpc.newStub(channel).clientStreamingRpc(responses);
        requests.onNext(request("abc"));
        requests.onNext(request("de"));
        requests.onCompleted();
        assertEquals("2 messages, 5 bytes", responses.awaitMessages(10).get(0).getResponseMessage());
        assertEquals(Status.Code.OK, responses.awaitStatus(10).getCode());
    }

    @Test
    void bidiStreamingOverTlsAnswersEachMessage() throws Exception {
        RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
        StreamObserver<SimpleRequest> requests = SimpleServiceGrpc.newStub(channel).bidiStreamingRpc(responses);
        for (String ping : new String[] {"a", "bb"}) {
            requests.onNext(request(ping));
            assertEquals(ping, responses.next(5).getResponseMessage());
        }
        requests.onCompleted();
        assertEquals(Status.Code.OK, responses.awaitStatus(5).getCode());
    }

    @Test
    void alpnNegotiatesH2WhenTheClientOffersH2AndHttp11() throws Exception {
        try (SSLSocket socket = handshake("a.example.com", "h2", "http/1.1")) {
            assertEquals("h2", socket.getApplicationProtocol());
        }
    }

    @Test
    void alpnNegotiatesHttp11ForAnHttp11OnlyClient() throws Exception {
        try (SSLSocket socket = handshake("a.example.com", "http/1.1")) {
            assertEquals("http/1.1", socket.getApplicationProtocol());
        }
    }

    @Test
    void sniPicksTheCertificateOfEachHost() throws Exception {
        try (SSLSocket a = handshake("a.example.com", "h2"); SSLSocket b = handshake("b.example.com", "h2")) {
            assertEquals(A.leaf(), a.getSession().getPeerCertificates()[0]);
            assertEquals(B.leaf(), b.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void grpcClientVerifiesTheSecondHostsCertificate() throws Exception {
        ManagedChannel toB = gateway.tlsChannel(CA, "b.example.com", null);
        try {
            assertEquals("b", SimpleServiceGrpc.newBlockingStub(toB).unaryRpc(request("b")).getResponseMessage());
        } finally {
            toB.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void clientWithoutSniGetsTheDefaultCertificate() throws Exception {
        try (SSLSocket socket = handshake(null, "h2")) {
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertTrue(served.equals(A.leaf()), served.getSubjectX500Principal().getName());
        }
    }

    private static SSLSocket handshake(String sni, String... alpn) throws Exception {
        return TlsHandshake.handshake(gateway.httpsPort(), CA, sni, alpn);
    }
}

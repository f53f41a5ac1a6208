package io.legate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.TlsHandshake;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.testing.UpstreamServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Host insecure policies over HTTP/1.1 and h2c, client certificates (mTLS), and certificate rotation. */
class HostPolicyAndMutualTlsTest {

    private static final CertifiedKey CA = TestCertificates.ca("policy ca");
    private static final CertifiedKey CERT = TestCertificates.server(CA, "redirect.test", "route.test", "reject.test");
    private static final CertifiedKey CLIENT = TestCertificates.client(CA, "client");

    private static UpstreamServer upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = UpstreamServer.start();
        gateway = Gateway.startWithResources(resources(CERT, ""));
    }

    private static String resources(CertifiedKey cert, String mtls) {
        return Resources.secret("cert", cert) + Resources.caSecret("client-ca", CA)
                + Resources.host("redirect", "redirect.test", "cert", null)
                + Resources.host("route", "route.test", "cert", "Route")
                + Resources.host("reject", "reject.test", "cert", "Reject")
                + Mappings.grpc("simple", "/grpc.testing.SimpleService/", upstream.address())
                + mtls;
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    @Test
    void redirectAnswersHttp11With301ToHttps() throws Exception {
        String reply = http11("redirect.test", "/a/b?c=d");
        assertTrue(reply.startsWith("HTTP/1.1 301"), reply);
        assertTrue(reply.contains("Location: https://redirect.test:" + gateway.httpsPort() + "/a/b?c=d"), reply);
    }

    @Test
    void redirectAnswersGrpcOverH2cWithPermissionDeniedNamingTheHttpsUrl() throws Exception {
        StatusRuntimeException e = grpcFails("redirect.test");
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("use TLS: https://redirect.test:"), e.getStatus().getDescription());
    }

    @Test
    void rejectAnswersHttp11With400() throws Exception {
        assertTrue(http11("reject.test", "/").startsWith("HTTP/1.1 400"));
    }

    @Test
    void rejectAnswersGrpcOverH2cWithPermissionDenied() throws Exception {
        assertEquals(Status.Code.PERMISSION_DENIED, grpcFails("reject.test").getStatus().getCode());
    }

    @Test
    void routeServesHttp11InCleartext() throws Exception {
        // No Mapping for / : the request got past the policy to the router.
        assertTrue(http11("route.test", "/").startsWith("HTTP/1.1 404"));
    }

    @Test
    void routeServesGrpcOverH2c() throws Exception {
        ManagedChannel channel = cleartext("route.test");
        try {
            assertEquals("r", SimpleServiceGrpc.newBlockingStub(channel)
                    .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("r").build()).getResponseMessage());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void mutualTlsAcceptsAGoodClientCertificateAndRefusesNone() throws Exception {
        try (Gateway mtls = Gateway.startWithResources(resources(CERT, Resources.tlsContext("mtls", "hosts:",
                "- route.test", "secret: cert", "ca_secret: client-ca", "cert_required: true")))) {
            ManagedChannel good = mtls.tlsChannel(CA, "route.test", CLIENT);
            ManagedChannel none = mtls.tlsChannel(CA, "route.test", null);
            try {
                assertEquals("m", SimpleServiceGrpc.newBlockingStub(good)
                        .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("m").build()).getResponseMessage());
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> SimpleServiceGrpc
                        .newBlockingStub(none).unaryRpc(SimpleRequest.newBuilder().setRequestMessage("m").build()));
                assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            } finally {
                good.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                none.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void rotatedCertificateIsServedToTheNextConnectionWhileTheOpenOneStays() throws Exception {
        try (Gateway rotating = Gateway.startWithResources(resources(CERT, ""))) {
            CertifiedKey next = TestCertificates.server(CA, "redirect.test", "route.test", "reject.test");
            try (SSLSocket before = TlsHandshake.handshake(rotating.httpsPort(), CA, "route.test", "h2")) {
                rotating.apply(resources(next, ""));
                try (SSLSocket after = TlsHandshake.handshake(rotating.httpsPort(), CA, "route.test", "h2")) {
                    assertEquals(next.leaf(), after.getSession().getPeerCertificates()[0]);
                }
                assertEquals(CERT.leaf(), before.getSession().getPeerCertificates()[0]);
                assertTrue(!before.isClosed());
            }
        }
    }

    private static StatusRuntimeException grpcFails(String authority) throws Exception {
        ManagedChannel channel = cleartext(authority);
        try {
            return assertThrows(StatusRuntimeException.class, () -> SimpleServiceGrpc.newBlockingStub(channel)
                    .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("x").build()));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static ManagedChannel cleartext(String authority) {
        return NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().overrideAuthority(authority).build();
    }

    private static String http11(String host, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}

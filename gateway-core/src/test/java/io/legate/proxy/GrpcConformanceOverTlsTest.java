package io.legate.proxy;

import io.grpc.ManagedChannel;
import io.legate.testing.Gateway;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.tls.CertifiedKey;

/** The gRPC interop test cases through the gateway's TLS listener: h2 by ALPN, the upstream over h2c. */
class GrpcConformanceOverTlsTest extends GrpcConformanceTest {

    private static final CertifiedKey CA = TestCertificates.ca("conformance ca");
    private static final CertifiedKey SERVER = TestCertificates.server(CA, "grpc.example.com");

    @Override
    Gateway startGateway(String mappings) throws Exception {
        return Gateway.startWithResources(Resources.secret("cert", SERVER)
                + Resources.host("grpc", "grpc.example.com", "cert", null) + mappings);
    }

    @Override
    ManagedChannel channel(Gateway gateway) throws Exception {
        return gateway.tlsChannel(CA, "grpc.example.com", null);
    }
}

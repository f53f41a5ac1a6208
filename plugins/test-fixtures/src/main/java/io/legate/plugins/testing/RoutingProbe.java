package io.legate.plugins.testing;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.Resources;
import io.legate.testing.TestCertificates;
import io.legate.testing.UpstreamServer;
import io.legate.tls.CertifiedKey;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A test {@link Gateway} in front of grpc-java's {@code SimpleService}, and unary calls through it that tell which
 * Mapping routed them: each Mapping made by {@link #mapping} adds {@code x-routed-by: <its name>} to its responses.
 * A call is sent with the authority and headers given, over any {@link Protocol}.
 */
public final class RoutingProbe implements AutoCloseable {

    /** What {@link #reach} answers when the gateway found no route (gRPC status UNIMPLEMENTED). */
    public static final String UNROUTED = "(no route)";

    public static final String PREFIX = "/grpc.testing.SimpleService/";

    private static final String PATH = PREFIX + "UnaryRpc";
    private static final Metadata.Key<String> ROUTED_BY = Metadata.Key.of("x-routed-by", Metadata.ASCII_STRING_MARSHALLER);
    private static final SimpleRequest REQUEST = SimpleRequest.newBuilder().setRequestMessage("probe").build();

    private final UpstreamServer upstream;
    private final Gateway gateway;
    private final CertifiedKey ca;

    private RoutingProbe(UpstreamServer upstream, Gateway gateway, CertifiedKey ca) {
        this.upstream = upstream;
        this.gateway = gateway;
        this.ca = ca;
    }

    /**
     * Starts the upstream, then a gateway that serves {@code resources} (given the upstream's address, for the
     * Mappings' {@code service}) and, on its TLS listener with ALPN {@code h2}, a certificate for {@code serverName}.
     */
    public static RoutingProbe start(String serverName, Function<String, String> resources) throws Exception {
        UpstreamServer upstream = UpstreamServer.start();
        CertifiedKey ca = TestCertificates.ca("routing probe ca");
        String tls = Resources.secret("probe-cert", TestCertificates.server(ca, serverName))
                + Resources.tlsContext("probe-tls", "hosts:", "- \"*\"", "secret: probe-cert", "alpn_protocols: h2,http/1.1");
        try {
            return new RoutingProbe(upstream, Gateway.startWithResources(tls + resources.apply(upstream.address())), ca);
        } catch (Exception | Error e) {
            upstream.close();
            throw e;
        }
    }

    /**
     * A gRPC Mapping named {@code name} on {@link #PREFIX} to {@code service} for {@code hostname}, that marks
     * its responses, with the extra spec lines given (for example {@code "headers: {x-tenant: blue}"}).
     */
    public static String mapping(String name, String hostname, String service, String... specLines) {
        String[] lines = Arrays.copyOf(specLines, specLines.length + 1);
        lines[specLines.length] = "add_response_headers: {x-routed-by: " + name + "}";
        return Mappings.grpc(name, PREFIX, service, lines).replace("hostname: \"*\"", "hostname: \"" + hostname + "\"");
    }

    /** The port of the listener {@code protocol} reaches. */
    public int port(Protocol protocol) {
        return protocol == Protocol.H2_TLS ? gateway.httpsPort() : gateway.port();
    }

    /** The port of the listener {@code protocol} does not reach. */
    public int otherPort(Protocol protocol) {
        return protocol == Protocol.H2_TLS ? gateway.port() : gateway.httpsPort();
    }

    /** The name of the Mapping that routed a call for {@code authority} with {@code headers}, or {@link #UNROUTED}. */
    public String reach(Protocol protocol, String authority, Map<String, String> headers) throws Exception {
        if (protocol == Protocol.HTTP_1_1) {
            Map<String, String> reply = GrpcOverHttp1.call(port(protocol), authority, PATH, REQUEST.toByteArray(), headers);
            String routedBy = reply.get("x-routed-by");
            if (routedBy == null && !"12".equals(reply.get("grpc-status"))) {
                throw new AssertionError("neither routed nor UNIMPLEMENTED: " + reply);
            }
            return routedBy == null ? UNROUTED : routedBy;
        }
        ManagedChannel channel = protocol == Protocol.H2_TLS
                ? gateway.tlsChannel(ca, authority, null)
                : NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().overrideAuthority(authority).build();
        try {
            return grpc(channel, headers);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        upstream.close();
    }

    private static String grpc(ManagedChannel channel, Map<String, String> headers) {
        Metadata extra = new Metadata();
        headers.forEach((name, value) -> extra.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
        AtomicReference<Metadata> replyHeaders = new AtomicReference<>();
        try {
            SimpleServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(extra),
                            MetadataUtils.newCaptureMetadataInterceptor(replyHeaders, new AtomicReference<>()))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .unaryRpc(REQUEST);
            return replyHeaders.get().get(ROUTED_BY);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return UNROUTED;
            }
            throw e;
        }
    }
}

package io.legate.plugins.authservice;

import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Emissary's {@code proto: grpc}: Envoy's {@code envoy.service.auth.v3.Authorization/Check}, asked with grpc-java's
 * asynchronous stub. An OK status allows, with the {@code ok_response} headers set on the upstream request; any
 * other answers the caller with the {@code denied_response} (403 when it has no status) or, for a gRPC caller, the
 * service's status.
 */
final class GrpcAuthClient implements AuthClient {

    private static final int DEFAULT_DENIED_STATUS = 403;

    private final AuthConfig config;
    private final ManagedChannel channel;
    private final AuthorizationGrpc.AuthorizationStub stub;

    GrpcAuthClient(AuthConfig config) {
        this.config = config;
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(config.address().host(), config.address().port());
        this.channel = (config.address().tls() ? builder.useTransportSecurity() : builder.usePlaintext()).build();
        this.stub = AuthorizationGrpc.newStub(channel);
        // Building Envoy's descriptors takes seconds on a busy machine: here, when the configuration is applied,
        // rather than within the first request's timeout_ms.
        CheckRequest.getDescriptor();
        CheckResponse.getDescriptor();
    }

    @Override
    public CompletionStage<Verdict> check(AuthRequest request) {
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        stub.withDeadlineAfter(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .check(checkRequest(request), new StreamObserver<>() {
                    @Override
                    public void onNext(CheckResponse response) {
                        verdict.complete(verdict(response));
                    }

                    @Override
                    public void onError(Throwable failure) {
                        verdict.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        verdict.completeExceptionally(new IllegalStateException("Check ended without a response"));
                    }
                });
        return verdict;
    }

    /** As Envoy's ext_authz fills it: the HTTP request, its pseudo-headers among the headers, and the two peers. */
    static CheckRequest checkRequest(AuthRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        putIfPresent(headers, ":method", request.method());
        putIfPresent(headers, ":scheme", request.scheme());
        putIfPresent(headers, ":authority", request.authority());
        putIfPresent(headers, ":path", request.path());
        headers.putAll(request.headers());
        AttributeContext.HttpRequest.Builder http = AttributeContext.HttpRequest.newBuilder().putAllHeaders(headers);
        if (request.method() != null) {
            http.setMethod(request.method());
        }
        if (request.scheme() != null) {
            http.setScheme(request.scheme());
        }
        if (request.authority() != null) {
            http.setHost(request.authority());
        }
        if (request.path() != null) {
            int query = request.path().indexOf('?');
            http.setPath(request.path());
            if (query >= 0) {
                http.setQuery(request.path().substring(query + 1));
            }
        }
        return CheckRequest.newBuilder().setAttributes(AttributeContext.newBuilder()
                        .setSource(peer(request.source()))
                        .setDestination(peer(request.destination()))
                        .setRequest(AttributeContext.Request.newBuilder().setHttp(http))
                        .putAllContextExtensions(request.contextExtensions()))
                .build();
    }

    private static void putIfPresent(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    private static AttributeContext.Peer peer(InetSocketAddress address) {
        return AttributeContext.Peer.newBuilder().setAddress(Address.newBuilder().setSocketAddress(
                SocketAddress.newBuilder().setAddress(address.getAddress().getHostAddress())
                        .setPortValue(address.getPort()))).build();
    }

    static Verdict verdict(CheckResponse response) {
        if (response.getStatus().getCode() == Status.Code.OK.value()) {
            Map<String, String> upstream = new HashMap<>(headers(response.getOkResponse().getHeadersList()));
            response.getOkResponse().getHeadersToRemoveList().forEach(name -> upstream.put(name, null));
            return new Verdict.Allowed(upstream);
        }
        DeniedHttpResponse denied = response.getDeniedResponse();
        int status = denied.hasStatus() && denied.getStatus().getCodeValue() != 0
                ? denied.getStatus().getCodeValue() : DEFAULT_DENIED_STATUS;
        String message = response.getStatus().getMessage().isEmpty()
                ? "denied by the authorization service" : response.getStatus().getMessage();
        return new Verdict.Denied(status, headers(denied.getHeadersList()),
                ByteBuffer.wrap(denied.getBody().getBytes(StandardCharsets.UTF_8)), response.getStatus().getCode(),
                message);
    }

    private static Map<String, String> headers(List<HeaderValueOption> options) {
        Map<String, String> headers = new LinkedHashMap<>();
        options.forEach(option -> headers.put(option.getHeader().getKey(), option.getHeader().getValue()));
        return headers;
    }

    /** Checks in flight go on; new ones fail at once. */
    @Override
    public void close() {
        channel.shutdown();
    }
}

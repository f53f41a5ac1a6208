package io.legate.plugins.authservice;

import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real Envoy {@code Authorization} service (grpc-java) on a loopback port, deciding on the {@code authorization}
 * header: {@code Bearer good} is OK with {@code x-user: alice} for the upstream; {@code Bearer slow} gets no answer;
 * {@code Bearer greedy} is RESOURCE_EXHAUSTED with 429; anything else is UNAUTHENTICATED with a denied response
 * of 401, a challenge and the body {@code no entry}. It records each CheckRequest.
 */
final class GrpcAuthServer implements AuthServer {

    private final BlockingQueue<CheckRequest> seen = new LinkedBlockingQueue<>();
    private final Server server;

    GrpcAuthServer() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new AuthorizationGrpc.AuthorizationImplBase() {
                    @Override
                    public void check(CheckRequest request, StreamObserver<CheckResponse> answer) {
                        seen.add(request);
                        String authorization = request.getAttributes().getRequest().getHttp().getHeadersMap()
                                .get("authorization");
                        if ("Bearer slow".equals(authorization)) {
                            return;
                        }
                        answer.onNext("Bearer good".equals(authorization) ? allowed()
                                : "Bearer greedy".equals(authorization) ? throttled() : denied());
                        answer.onCompleted();
                    }
                })
                .build()
                .start();
    }

    private static CheckResponse allowed() {
        return CheckResponse.newBuilder()
                .setStatus(Status.newBuilder().setCode(io.grpc.Status.Code.OK.value()))
                .setOkResponse(OkHttpResponse.newBuilder().addHeaders(header("x-user", "alice")))
                .build();
    }

    private static CheckResponse denied() {
        return CheckResponse.newBuilder()
                .setStatus(Status.newBuilder().setCode(io.grpc.Status.Code.UNAUTHENTICATED.value())
                        .setMessage("no entry"))
                .setDeniedResponse(DeniedHttpResponse.newBuilder()
                        .setStatus(HttpStatus.newBuilder().setCode(StatusCode.Unauthorized))
                        .addHeaders(header("www-authenticate", "Bearer realm=\"legate\""))
                        .setBody("no entry"))
                .build();
    }

    private static CheckResponse throttled() {
        return CheckResponse.newBuilder()
                .setStatus(Status.newBuilder().setCode(io.grpc.Status.Code.RESOURCE_EXHAUSTED.value())
                        .setMessage("slow down"))
                .setDeniedResponse(DeniedHttpResponse.newBuilder()
                        .setStatus(HttpStatus.newBuilder().setCode(StatusCode.TooManyRequests)))
                .build();
    }

    private static HeaderValueOption header(String name, String value) {
        return HeaderValueOption.newBuilder().setHeader(HeaderValue.newBuilder().setKey(name).setValue(value)).build();
    }

    @Override
    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** The next CheckRequest, or null when none came within 5 s. */
    CheckRequest next() throws InterruptedException {
        return seen.poll(5, TimeUnit.SECONDS);
    }

    @Override
    public void forget() {
        seen.clear();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}

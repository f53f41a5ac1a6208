package io.legate.proxy;

import io.legate.routing.HeaderValue;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The forwarder's pieces that run once per call on what changes per call, each alone: the screen of the caller's
 * headers, the copy of the end-to-end ones, a Mapping's header changes, a call's exchange, the grpc-timeout's
 * parse. The request is grpc-java's unary call as it reaches the gateway. In this package to reach the pieces,
 * which are the forwarder's own. Run with {@code benchmarks/jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class ForwarderHotPathBenchmark {

    private static final HttpFields GRPC_JAVA_HEADERS = HttpFields.build()
            .add(HttpHeader.CONTENT_TYPE, "application/grpc")
            .add(HttpHeader.TE, "trailers")
            .add(HttpHeader.USER_AGENT, "grpc-java-netty/1.85.1")
            .add("grpc-accept-encoding", "gzip")
            .add("grpc-timeout", "9999874u")
            .asImmutable();
    private static final Map<String, String> CHANGED = Map.of("x-tenant", "acme", "x-debug", "1");
    private static final List<String> REMOVED = List.of("x-internal");
    private static final List<HeaderValue> ADDED = List.of(new HeaderValue("x-gateway", "legate", true),
            new HeaderValue("x-route", "greeter", false));

    /** What the pieces read of a request, and nothing else: whatever more one read would fail it. */
    private final Request request = new Request.Wrapper(nothingElse()) {
        private final HttpURI uri = HttpURI.build("http://127.0.0.1:8080/helloworld.Greeter/SayHello");

        @Override
        public String getMethod() {
            return "POST";
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }

        @Override
        public HttpFields getHeaders() {
            return GRPC_JAVA_HEADERS;
        }
    };
    private final HeaderScreen screen = new HeaderScreen(16 * 1024, null, new Handler.Abstract() {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            return true;
        }
    });

    private static Request nothingElse() {
        return (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName() + " is not part of the benchmark");
                });
    }

    @Benchmark
    public boolean headerScreen() throws Exception {
        return screen.handle(request, null, Callback.NOOP);
    }

    @Benchmark
    public HttpFields.Mutable hopByHopCopy() {
        HttpFields.Mutable upstream = HttpFields.build();
        HopByHop.copy(GRPC_JAVA_HEADERS, upstream, HttpHeader.HOST);
        return upstream;
    }

    @Benchmark
    public HttpFields.Mutable headerChanges() {
        HttpFields.Mutable upstream = HttpFields.build(GRPC_JAVA_HEADERS);
        HeaderChanges.apply(upstream, REMOVED, ADDED);
        HeaderChanges.apply(upstream, CHANGED);
        return upstream;
    }

    @Benchmark
    public CallExchange callExchange() {
        return new CallExchange(request, null);
    }

    @Benchmark
    public long grpcTimeout() {
        return GrpcTimeout.toMillis(GRPC_JAVA_HEADERS.get("grpc-timeout"));
    }
}

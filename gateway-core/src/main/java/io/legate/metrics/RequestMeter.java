package io.legate.metrics;

import io.legate.routing.Upstream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * One request, from its start to the end of its reply. Jetty ends the stream of every request exactly once:
 * succeeded once the last byte of the reply (trailers included) is written, failed otherwise (the caller reset it,
 * its connection went away, or it was still sending when the reply ended). A wrapper of that stream therefore
 * counts each request once, whoever answered it: the upstream, the gateway itself, a plugin.
 *
 * <p>The HTTP status is the one the stream sent ({@code 0} when none reached the caller: it reset the stream
 * first, and a reply written after that fails); the grpc-status is that of the trailers the reply ended with
 * ({@link #grpcStatus}), else that of the headers of a reply that ended with its headers (trailers-only), and
 * none when the caller went away first ({@link #callerGone}): whatever was on its way, it did not get it. The
 * request's threads write these fields and the stream's end reads them: Jetty hands the exchange from one to the
 * next through its channel's lock and its write callbacks, which order the writes before the read.
 *
 * <p>An upstream failure is counted at the end too, unless the caller went away by then: a caller's reset reaches
 * the forwarder by whichever path was busy (a read of its body, a write of the reply, or neither), and the
 * upstream exchange it aborts may report its failure before that path reports the caller gone.
 *
 * <p>The endpoint and the byte counts are written and read the same way; the {@link CallLog} reads them at the end.
 */
public final class RequestMeter implements Function<HttpStream, HttpStream> {

    private static final int UNKNOWN = 2;

    private final GatewayMetrics metrics;
    private final Request request;
    private final boolean admitted;
    private MappingMetrics mapping;
    private Upstream upstream;
    private InetSocketAddress endpoint;
    private int httpStatus;
    private int grpcStatus = MappingMetrics.NO_GRPC_STATUS;
    private long requestBytes;
    private long responseBytes;
    private long durationNanos;
    private volatile boolean callerGone;
    private UpstreamFailure upstreamFailure;

    RequestMeter(GatewayMetrics metrics, Request request, boolean admitted, MappingMetrics unrouted) {
        this.metrics = metrics;
        this.request = request;
        this.admitted = admitted;
        this.mapping = unrouted;
    }

    /** False when the request is over {@code limits.max_requests_in_flight}: it must be refused at once. */
    public boolean admitted() {
        return admitted;
    }

    /** The Mapping that routed the request; until this is called, none did. */
    public void routed(MappingMetrics mapping) {
        this.mapping = mapping;
    }

    /** The upstream the route sends the call to: what {@link #upstreamEndpoint()} tells until an endpoint is picked. */
    public void upstream(Upstream routed) {
        this.upstream = routed;
    }

    /** The address of the upstream endpoint the call went to; a later call (a retry) wins. */
    public void endpoint(InetSocketAddress address) {
        this.endpoint = address;
    }

    /** The {@code grpc-status} of the trailers the reply ends with; a later call wins. */
    public void grpcStatus(String value) {
        grpcStatus = code(value);
    }

    /**
     * Marks the caller as gone: it reset the stream, its connection failed, or it could not be written to. The
     * exchange with the upstream is aborted for that, which is no failure of the upstream's.
     */
    public void callerGone() {
        callerGone = true;
    }

    /** Counts a limit the request broke, in {@code legate_refused_total}. */
    public void refused(Refusal reason) {
        metrics.refusals().count(reason);
    }

    /**
     * Counts a failed upstream exchange for the Mapping that routed the request once the request ends, unless the
     * caller went away by then: its going away aborts the exchange.
     */
    public void upstreamFailed(UpstreamFailure reason) {
        upstreamFailure = reason;
        if (reason == UpstreamFailure.HEADERS) {
            refused(Refusal.UPSTREAM_HEADER_LIST);
        }
    }

    /** Wraps the request's stream, to see the status it sends and its end. */
    @Override
    public HttpStream apply(HttpStream stream) {
        return new Ending(stream);
    }

    /** What a gRPC client makes of the value: a code of its own, or UNKNOWN when it is not one. */
    private static int code(String value) {
        int length = value.length();
        if (length == 0 || length > 2) {
            return UNKNOWN;
        }
        int code = 0;
        for (int i = 0; i < length; i++) {
            char digit = value.charAt(i);
            if (digit < '0' || digit > '9') {
                return UNKNOWN;
            }
            code = code * 10 + digit - '0';
        }
        return code < MappingMetrics.GRPC_CODES ? code : UNKNOWN;
    }

    private void ended(int grpcStatus) {
        if (upstreamFailure != null && !callerGone) {
            mapping.upstreamFailed(upstreamFailure);
        }
        durationNanos = System.nanoTime() - request.getBeginNanoTime();
        this.grpcStatus = grpcStatus;
        mapping.ended(httpStatus, grpcStatus, durationNanos);
        metrics.ended(this);
    }

    /** The request measured; once the call ended, only until {@link CallLog#ended} returns. */
    public Request request() {
        return request;
    }

    /** The Mapping that routed the request, {@code ""} for none. */
    public String mapping() {
        return mapping.name();
    }

    /** The endpoint the call went to as {@code host:port}, else the upstream its route names; null for neither. */
    public String upstreamEndpoint() {
        if (endpoint != null) {
            return hostPort(endpoint.getHostString(), endpoint.getPort());
        }
        return upstream == null ? null : hostPort(upstream.host(), upstream.port());
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The HTTP status the caller got; 0 when it got none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The grpc-status the caller got; negative when none (not gRPC, or the caller went away first). */
    public int grpcStatusCode() {
        return grpcStatus;
    }

    /** Bytes of the request's body the gateway read. */
    public long requestBytes() {
        return requestBytes;
    }

    /** Bytes of the reply's body written to the caller. */
    public long responseBytes() {
        return responseBytes;
    }

    /** From the start of the request to the end of its reply; known once the call ended. */
    public long durationNanos() {
        return durationNanos;
    }

    private final class Ending extends HttpStream.Wrapper {

        Ending(HttpStream stream) {
            super(stream);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                requestBytes += chunk.remaining();
            }
            return chunk;
        }

        @Override
        public void send(MetaData.Request request, MetaData.Response response, boolean last, ByteBuffer content,
                         Callback callback) {
            if (content != null) {
                responseBytes += content.remaining();
            }
            if (response != null) {
                // Only a reply that ends with its headers can carry its status there: the others pay no look-up.
                if (last) {
                    String status = response.getHttpFields().get("grpc-status");
                    if (status != null) {
                        grpcStatus(status);
                    }
                }
                callback = new HeadersSent(response.getStatus(), callback);
            }
            super.send(request, response, last, content, callback);
        }

        @Override
        public void succeeded() {
            try {
                ended(grpcStatus);
            } finally {
                super.succeeded();
            }
        }

        @Override
        public void failed(Throwable failure) {
            try {
                // A stream also fails after a whole reply, when the caller had not finished sending (an early answer
                // such as "no route"): then the caller did get the status.
                ended(callerGone ? MappingMetrics.NO_GRPC_STATUS : grpcStatus);
            } finally {
                super.failed(failure);
            }
        }
    }

    /** The status is the caller's once its headers are written. */
    private final class HeadersSent implements Callback {

        private final int status;
        private final Callback next;

        HeadersSent(int status, Callback next) {
            this.status = status;
            this.next = next;
        }

        @Override
        public void succeeded() {
            httpStatus = status;
            next.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            next.failed(failure);
        }

        @Override
        public InvocationType getInvocationType() {
            return next.getInvocationType();
        }
    }
}

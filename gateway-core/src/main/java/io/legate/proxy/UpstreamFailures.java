package io.legate.proxy;

import io.legate.metrics.UpstreamFailure;
import io.legate.routing.RouteAction;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Why the upstream exchange failed, and what the caller is told: the status, and a message that names the cause. */
final class UpstreamFailures {

    /** The reasons of Jetty's HTTP/2 parser for a header block it refuses (its rate limits are other reasons). */
    private static final Pattern HEADER_BLOCK_REASONS =
            Pattern.compile("/(invalid_headers_frame|invalid_continuation_stream|invalid_continuation_frame|invalid_hpack_block)\\b");

    private UpstreamFailures() {
    }

    /**
     * @param pastDeadline whether the request's deadline had passed when it failed: then any failure is the
     *                     deadline's, whoever noticed it first
     */
    static UpstreamFailure reason(Throwable failure, boolean pastDeadline) {
        if (failure instanceof UpstreamRefused refused) {
            return refused.reason();
        }
        if (failure instanceof TimeoutException || pastDeadline) {
            return UpstreamFailure.TIMEOUT;
        }
        if (cause(failure, SSLException.class::isInstance) != null) {
            return UpstreamFailure.TLS;
        }
        if (cause(failure, UpstreamFailures::headerBlockRefused) != null) {
            return UpstreamFailure.HEADERS;
        }
        return cause(failure, UpstreamFailures::connecting) != null ? UpstreamFailure.UNREACHABLE : UpstreamFailure.RESET;
    }

    /**
     * Jetty ends an upstream connection whose header block is over its limit or does not decode, and fails its
     * streams with the reason it sent in the GOAWAY; HTTP/1.1 responses fail with 431's reason.
     */
    private static boolean headerBlockRefused(Throwable failure) {
        String message = failure.getMessage();
        return message != null && (HEADER_BLOCK_REASONS.matcher(message).find() || message.contains("Header Fields Too Large"));
    }

    /** Jetty's connect timeout is a SocketTimeoutException; its request and idle timeouts are not. */
    private static boolean connecting(Throwable failure) {
        return failure instanceof ConnectException || failure instanceof NoRouteToHostException
                || failure instanceof UnknownHostException || failure instanceof SocketTimeoutException;
    }

    static GatewayReply reply(RouteAction action, UpstreamFailure reason, Throwable failure, long timeoutMs) {
        if (cause(failure, HeadersTooLarge.class::isInstance) instanceof HeadersTooLarge tooLarge) {
            return tooLarge.reply();
        }
        String upstream = action.upstream().origin();
        return switch (reason) {
            case TIMEOUT -> new GatewayReply(GrpcStatus.DEADLINE_EXCEEDED,
                    "upstream " + upstream + " did not answer within " + timeoutMs + " ms");
            case TLS -> new GatewayReply(GrpcStatus.UNAVAILABLE, "upstream " + upstream + " unavailable: TLS handshake"
                    + " failed (verified with " + action.tls().describe() + "): "
                    + cause(failure, SSLException.class::isInstance).getMessage());
            case HEADERS -> new GatewayReply(GrpcStatus.UNAVAILABLE, "upstream " + upstream + " sent a header block the"
                    + " gateway refuses (over limits.upstream_header_list_size, or malformed): " + rootCause(failure));
            case NO_ENDPOINT, OVERFLOW -> new GatewayReply(GrpcStatus.UNAVAILABLE, failure.getMessage());
            case UNREACHABLE, RESET ->
                    new GatewayReply(GrpcStatus.UNAVAILABLE, "upstream " + upstream + " unavailable: " + rootCause(failure));
        };
    }

    /** The first of {@code failure} and its causes that is of {@code kind}; null when none is. */
    static Throwable cause(Throwable failure, Predicate<Throwable> kind) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (kind.test(t)) {
                return t;
            }
        }
        return null;
    }

    static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}

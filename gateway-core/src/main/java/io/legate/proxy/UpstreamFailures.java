package io.legate.proxy;

import io.legate.routing.RouteAction;

import javax.net.ssl.SSLException;
import java.util.concurrent.TimeoutException;

/** What the caller is told when the upstream exchange failed: the status, and a message that names the cause. */
final class UpstreamFailures {

    private UpstreamFailures() {
    }

    /**
     * @param pastDeadline whether the request's deadline had passed when it failed: then any failure is the
     *                     deadline's, whoever noticed it first
     */
    static LocalReply reply(RouteAction action, Throwable failure, long timeoutMs, boolean pastDeadline) {
        String upstream = action.upstream().origin();
        if (failure instanceof TimeoutException || pastDeadline) {
            return new LocalReply(GrpcStatus.DEADLINE_EXCEEDED,
                    "upstream " + upstream + " did not answer within " + timeoutMs + " ms");
        }
        SSLException tls = tlsFailure(failure);
        if (tls != null) {
            return new LocalReply(GrpcStatus.UNAVAILABLE, "upstream " + upstream + " unavailable: TLS handshake failed"
                    + " (verified with " + action.tls().describe() + "): " + tls.getMessage());
        }
        return new LocalReply(GrpcStatus.UNAVAILABLE, "upstream " + upstream + " unavailable: " + rootCause(failure));
    }

    private static SSLException tlsFailure(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}

package io.legate.proxy;

import io.legate.metrics.UpstreamFailure;
import io.legate.routing.RetryPolicy;
import io.legate.routing.RetryPolicy.RetryOn;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;

/**
 * Which failures and answers a {@code retry_policy} tries again, as Envoy reads {@code retry_on}. gRPC's codes
 * cover a trailers-only answer with that {@code grpc-status}, and also what the gateway itself would answer with that
 * code: {@code unavailable} takes a refused connection or a reset stream, {@code deadline-exceeded} a try that ran
 * out of its {@code per_try_timeout}.
 */
final class RetryRules {

    private static final Set<RetryOn> ANY_FAILURE = Set.of(RetryOn.FIVE_XX, RetryOn.GATEWAY_ERROR, RetryOn.RESET,
            RetryOn.UNAVAILABLE);

    private RetryRules() {
    }

    /** Whether {@code failure} (before any answer) is tried again under {@code policy}. */
    static boolean failure(RetryPolicy policy, UpstreamFailure reason, Throwable failure) {
        Set<RetryOn> on = policy.retryOn();
        return switch (reason) {
            case UNREACHABLE, TLS -> on.contains(RetryOn.CONNECT_FAILURE) || any(on, ANY_FAILURE);
            case RESET -> any(on, ANY_FAILURE)
                    || failure instanceof StreamReset reset && reset.refused() && on.contains(RetryOn.REFUSED_STREAM);
            case TIMEOUT -> on.contains(RetryOn.FIVE_XX) || on.contains(RetryOn.GATEWAY_ERROR)
                    || on.contains(RetryOn.DEADLINE_EXCEEDED);
            case HEADERS, NO_ENDPOINT, OVERFLOW -> false;
        };
    }

    /** Whether an answer with {@code status} and {@code headers} (no byte of it sent on yet) is tried again. */
    static boolean answer(RetryPolicy policy, int status, HttpFields headers) {
        Set<RetryOn> on = policy.retryOn();
        String grpcStatus = headers.get("grpc-status");
        if (grpcStatus != null) {
            RetryOn code = switch (grpcStatus) {
                case "1" -> RetryOn.CANCELLED;
                case "4" -> RetryOn.DEADLINE_EXCEEDED;
                case "8" -> RetryOn.RESOURCE_EXHAUSTED;
                case "13" -> RetryOn.INTERNAL;
                case "14" -> RetryOn.UNAVAILABLE;
                default -> null;
            };
            if (code != null && on.contains(code)) {
                return true;
            }
        }
        if (status >= 500) {
            return on.contains(RetryOn.FIVE_XX)
                    || on.contains(RetryOn.GATEWAY_ERROR) && status >= 502 && status <= 504;
        }
        return status == 409 && on.contains(RetryOn.RETRIABLE_4XX);
    }

    /**
     * How long the upstream asks the gateway to wait before trying again ({@code grpc-retry-pushback-ms}): -1
     * when it says nothing, {@link Long#MAX_VALUE} when it says not to try again (a negative or unreadable value).
     */
    static long pushbackMs(HttpFields headers) {
        String pushback = headers.get("grpc-retry-pushback-ms");
        if (pushback == null) {
            return -1;
        }
        try {
            long ms = Long.parseLong(pushback.trim());
            return ms < 0 ? Long.MAX_VALUE : ms;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean any(Set<RetryOn> on, Set<RetryOn> of) {
        for (RetryOn condition : of) {
            if (on.contains(condition)) {
                return true;
            }
        }
        return false;
    }
}

package io.legate.routing;

import java.util.Set;

/**
 * Which failed calls are tried again, and how often: Emissary's {@code retry_policy}.
 *
 * @param perTryTimeoutMs how long each try may take; 0 for the call's whole timeout
 */
public record RetryPolicy(Set<RetryOn> retryOn, int numRetries, long perTryTimeoutMs) {

    /** Emissary's default: nothing is tried again. */
    public static final RetryPolicy NONE = new RetryPolicy(Set.of(), 0, 0);

    public RetryPolicy {
        retryOn = Set.copyOf(retryOn);
    }

    public boolean retries() {
        return numRetries > 0 && !retryOn.isEmpty();
    }

    /** The conditions of {@code retry_on}, by the names Emissary and Envoy give them. */
    public enum RetryOn {
        FIVE_XX("5xx"),
        GATEWAY_ERROR("gateway-error"),
        CONNECT_FAILURE("connect-failure"),
        RETRIABLE_4XX("retriable-4xx"),
        REFUSED_STREAM("refused-stream"),
        RETRIABLE_STATUS_CODES("retriable-status-codes"),
        RESET("reset"),
        CANCELLED("cancelled"),
        DEADLINE_EXCEEDED("deadline-exceeded"),
        INTERNAL("internal"),
        RESOURCE_EXHAUSTED("resource-exhausted"),
        UNAVAILABLE("unavailable");

        private final String wireName;

        RetryOn(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}

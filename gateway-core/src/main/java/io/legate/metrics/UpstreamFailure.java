package io.legate.metrics;

import java.util.Locale;

/** Why an upstream exchange failed: the {@code reason} of {@code legate_upstream_failures_total}. */
public enum UpstreamFailure {
    /** No connection could be made: refused, no route to the host, an unknown host, the connect timeout. */
    UNREACHABLE,
    /** The TLS handshake with the upstream failed (its certificate did not verify, no common protocol, ...). */
    TLS,
    /** The request's timeout, or the caller's deadline, passed before the upstream answered. */
    TIMEOUT,
    /** The connection or the stream failed once open: reset, closed, or not spoken properly. */
    RESET,
    /** The upstream sent a header block over {@code limits.upstream_header_list_size}, or one that did not decode. */
    HEADERS,
    /** The upstream had no endpoint to send to: none resolved, none stored, or its host does not resolve. */
    NO_ENDPOINT,
    /** A circuit breaker of the upstream refused the call. */
    OVERFLOW;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

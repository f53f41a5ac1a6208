package io.legate.metrics;

import java.util.Locale;

/** Why the gateway refused a peer something: the {@code reason} label of {@code legate_refused_total}. */
public enum Refusal {
    /** A request whose header list is over {@code limits.caller_header_list_size}. */
    CALLER_HEADER_LIST,
    /** An HTTP/2 request carrying a connection-specific header (RFC 9113 §8.2.2). */
    MALFORMED_REQUEST,
    /** An upstream's headers or trailers over {@code limits.upstream_header_list_size}. */
    UPSTREAM_HEADER_LIST,
    /** An upstream's headers or trailers too large for the caller's connection to take. */
    CALLER_CANNOT_TAKE_HEADERS,
    /** Request headers too large for the upstream connection to take (its SETTINGS_MAX_HEADER_LIST_SIZE, one frame). */
    UPSTREAM_CANNOT_TAKE_HEADERS,
    /** A connection that brought no complete request within {@code limits.header_timeout}. */
    HEADER_TIMEOUT,
    /** A connection over {@code limits.max_connections}. */
    CONNECTIONS,
    /** A connection over {@code limits.max_connections_per_client} from one address. */
    CONNECTIONS_PER_CLIENT,
    /** An HTTP/2 connection ended for sending frames too fast (rapid reset, CONTINUATION and PING floods...). */
    FRAME_FLOOD,
    /** A request over {@code limits.max_requests_in_flight}. */
    REQUESTS_IN_FLIGHT,
    /** A caller refused by the Module's {@code ip_allow} or {@code ip_deny}. */
    IP_DENIED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

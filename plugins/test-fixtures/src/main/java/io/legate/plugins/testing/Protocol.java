package io.legate.plugins.testing;

/** The ways a caller reaches the gateway; tests of routing run over each. */
public enum Protocol {
    /** Cleartext HTTP/1.1, where the authority is the {@code Host} header. */
    HTTP_1_1,
    /** Cleartext HTTP/2 by prior knowledge, as gRPC clients speak it. */
    H2C,
    /** HTTP/2 over TLS, negotiated by ALPN, on the TLS listener. */
    H2_TLS
}

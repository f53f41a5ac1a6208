package io.legate.plugin;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** The caller's connection that a request arrived on. */
public interface Connection {

    /** The caller's address. */
    InetSocketAddress remoteAddress();

    /** The gateway's address that took the connection; its port is the listener's. */
    InetSocketAddress localAddress();

    /** Whether the connection is TLS. */
    boolean secure();

    /** The server name the caller asked for in its TLS handshake; empty over cleartext or without SNI. */
    Optional<String> sni();

    /** The negotiated TLS protocol, such as {@code TLSv1.3}; empty over cleartext. */
    Optional<String> tlsProtocol();

    /** The caller's certificate chain, verified by the listener (leaf first); empty when it presented none. */
    List<X509Certificate> peerCertificates();
}

package io.legate.resource;

import java.util.List;

/**
 * The {@code spec} of an Emissary TLSContext: for termination, the certificate and settings of the names in
 * {@code hosts}; for origination (a Mapping's {@code tls}), the client certificate, CA, ALPN and SNI.
 *
 * @param hosts          SNI names (globs) served with {@code secret}; empty when absent
 * @param secret         the Secret with {@code tls.crt} and {@code tls.key}, or null
 * @param alpnProtocols  e.g. {@code [h2, http/1.1]}; empty when absent (the gateway's default applies)
 * @param minTlsVersion  the JDK's name, e.g. {@code TLSv1.2}; null when absent
 * @param maxTlsVersion  the JDK's name; null when absent
 * @param caSecret       the Secret whose {@code ca.crt} (or {@code tls.crt}) verifies the peer; null when absent
 * @param certRequired   terminating: refuse clients without a certificate the CA verifies
 * @param cipherSuites   the JDK's names; empty for the JDK's defaults
 * @param sni            originating: the name sent as SNI and verified in the upstream's certificate; null for the
 *                       service's host
 */
public record TlsContextSpec(
        List<String> hosts,
        String secret,
        List<String> alpnProtocols,
        String minTlsVersion,
        String maxTlsVersion,
        String caSecret,
        boolean certRequired,
        List<String> cipherSuites,
        String sni) implements TypedSpec {

    public TlsContextSpec {
        hosts = List.copyOf(hosts);
        alpnProtocols = List.copyOf(alpnProtocols);
        cipherSuites = List.copyOf(cipherSuites);
    }
}

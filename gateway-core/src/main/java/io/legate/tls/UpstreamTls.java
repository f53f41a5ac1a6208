package io.legate.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How the gateway speaks TLS to an upstream: a Mapping's {@code https://} service or {@code tls: <TLSContext>}.
 * Compared whole: one pool of upstream connections per distinct value.
 *
 * @param context      the TLSContext's name, for messages; null for a plain {@code https://} service
 * @param trusted      the CAs that verify the upstream; empty for the JDK's trust store
 * @param client       the certificate presented to the upstream, or null
 * @param sni          the name sent as SNI and verified in the upstream's certificate; null for the service's host
 * @param protocols    TLS versions (the JDK's names); empty for the JDK's defaults
 * @param cipherSuites empty for the JDK's defaults
 */
public record UpstreamTls(String context, List<X509Certificate> trusted, CertifiedKey client, String sni,
                          List<String> protocols, List<String> cipherSuites) {

    /** A plain {@code https://} service: the JDK's trust store, the service's host name. */
    public static final UpstreamTls DEFAULT = new UpstreamTls(null, List.of(), null, null, List.of(), List.of());

    public UpstreamTls {
        trusted = List.copyOf(trusted);
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** E.g. {@code TLSContext upstream}, or {@code the JDK's trust store}. */
    public String describe() {
        return context == null ? "the JDK's trust store" : "TLSContext " + context;
    }
}

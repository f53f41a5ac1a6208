package io.legate.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What the TLS listener serves: every certificate under its own alias, which alias each SNI name gets, and the
 * settings of the listener. Built from Hosts, TLSContexts and Secrets; compared whole to decide on a reload.
 *
 * @param keys          alias to certificate and key
 * @param sni           SNI name globs and their alias, tried in order; then the certificates' own names
 * @param defaultAlias  the certificate of a client that sends no SNI (or a name nothing matches)
 * @param alpn          ALPN protocols offered, in order of preference
 * @param protocols     TLS versions enabled (the JDK's names); empty for the JDK's defaults
 * @param cipherSuites  empty for the JDK's defaults
 * @param clientCa      CAs that verify client certificates; empty for no client authentication
 * @param clientCertRequired refuse the handshake of a client without a certificate {@code clientCa} verifies
 */
public record ServerTls(
        Map<String, CertifiedKey> keys,
        List<SniName> sni,
        String defaultAlias,
        List<String> alpn,
        List<String> protocols,
        List<String> cipherSuites,
        List<X509Certificate> clientCa,
        boolean clientCertRequired) {

    public static final List<String> DEFAULT_ALPN = List.of("h2", "http/1.1");
    public static final ServerTls NONE = new ServerTls(Map.of(), List.of(), null, DEFAULT_ALPN, List.of(), List.of(),
            List.of(), false);

    /** A host-name glob ({@code *}, {@code *.example.com}, exact) and the alias that serves it. */
    public record SniName(String glob, String alias) {
    }

    public ServerTls {
        keys = Map.copyOf(keys);
        sni = List.copyOf(sni);
        alpn = List.copyOf(alpn);
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        clientCa = List.copyOf(clientCa);
    }

    /** True when there is a certificate to serve: without one the TLS listener stays closed. */
    public boolean enabled() {
        return !keys.isEmpty();
    }
}

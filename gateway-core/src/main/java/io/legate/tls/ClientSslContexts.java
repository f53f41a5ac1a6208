package io.legate.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The {@link SslContextFactory.Client} for TLS towards upstreams: the TLSContext's CA (or the JDK's trust store),
 * its client certificate, and host-name verification against the service's host or the TLSContext's {@code sni}.
 */
public final class ClientSslContexts {

    private ClientSslContexts() {
    }

    public static SslContextFactory.Client create(UpstreamTls tls) {
        SslContextFactory.Client factory = new SslContextFactory.Client();
        if (!tls.trusted().isEmpty()) {
            factory.setTrustStore(KeyStores.trustStore(tls.trusted()));
            factory.setTrustStorePassword(KeyStores.PASSWORD);
        }
        if (tls.client() != null) {
            factory.setKeyStore(KeyStores.keyStore(java.util.Map.of("client", tls.client())));
            factory.setKeyStorePassword(KeyStores.PASSWORD);
            factory.setKeyManagerPassword(KeyStores.PASSWORD);
        }
        factory.setIncludeProtocols(tls.protocols().toArray(new String[0]));
        factory.setIncludeCipherSuites(tls.cipherSuites().toArray(new String[0]));
        if (tls.sni() == null) {
            factory.setEndpointIdentificationAlgorithm("HTTPS");
        } else {
            String sni = tls.sni();
            factory.setSNIProvider((engine, names) -> List.of(new SNIHostName(sni)));
            // The JDK verifies against the host connected to; with sni the certificate must name sni instead.
            factory.setEndpointIdentificationAlgorithm(null);
            factory.setHostnameVerifier((host, session) -> names(session, sni));
        }
        return factory;
    }

    private static boolean names(SSLSession session, String name) {
        try {
            X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
            if (leaf.getSubjectAlternativeNames() == null) {
                return false;
            }
            for (List<?> alternative : leaf.getSubjectAlternativeNames()) {
                if (Integer.valueOf(2).equals(alternative.get(0)) && matches((String) alternative.get(1), name)) {
                    return true;
                }
            }
            return false;
        } catch (SSLPeerUnverifiedException | CertificateParsingException e) {
            return false;
        }
    }

    /** RFC 6125: exact, or a wildcard in the whole left-most label. */
    static boolean matches(String pattern, String name) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = n.indexOf('.');
            return dot > 0 && n.substring(dot).equals(p.substring(1));
        }
        return p.equals(n);
    }
}

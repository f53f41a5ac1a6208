package io.legate.tls;

import io.legate.hostname.HostMatcher;
import java.security.Principal;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.util.ssl.SniX509ExtendedKeyManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.ssl.X509;

/**
 * The TLS listener's {@link SslContextFactory.Server}: one key store holding every certificate under its alias,
 * the certificate picked per connection by SNI. {@link #reload} swaps the material for new connections; the
 * established ones keep theirs.
 */
public final class ServerSslContexts {

    private ServerSslContexts() {
    }

    public static SslContextFactory.Server create(ServerTls tls) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        configure(factory, tls);
        return factory;
    }

    /** Replaces the material and settings of a running factory: new handshakes use them at once. */
    public static void reload(SslContextFactory.Server factory, ServerTls tls) throws Exception {
        factory.reload(f -> configure((SslContextFactory.Server) f, tls));
    }

    private static void configure(SslContextFactory.Server factory, ServerTls tls) {
        factory.setKeyStore(KeyStores.keyStore(tls.keys()));
        factory.setKeyStorePassword(KeyStores.PASSWORD);
        factory.setKeyManagerPassword(KeyStores.PASSWORD);
        factory.setSNISelector(new Selector(tls));
        // Requests name their host in :authority; that it differs from the SNI is not the listener's business.
        factory.setSniRequired(false);
        factory.setIncludeProtocols(tls.protocols().toArray(new String[0]));
        factory.setIncludeCipherSuites(tls.cipherSuites().toArray(new String[0]));
        if (tls.clientCa().isEmpty()) {
            factory.setTrustStore(null);
            factory.setNeedClientAuth(false);
            factory.setWantClientAuth(false);
        } else {
            factory.setTrustStore(KeyStores.trustStore(tls.clientCa()));
            factory.setTrustStorePassword(KeyStores.PASSWORD);
            factory.setNeedClientAuth(tls.clientCertRequired());
            factory.setWantClientAuth(!tls.clientCertRequired());
        }
    }

    /** Picks the certificate: the first SNI glob that matches, then a certificate naming the host, then the default. */
    private record Selector(ServerTls tls) implements SniX509ExtendedKeyManager.SniSelector {

        @Override
        public String sniSelect(String keyType, Principal[] issuers, SSLSession session, String sniHost,
                                Collection<X509> certificates) {
            List<String> aliases = certificates.stream().map(X509::getAlias).toList();
            if (sniHost != null) {
                for (ServerTls.SniName name : tls.sni()) {
                    if (aliases.contains(name.alias()) && HostMatcher.glob(name.glob()).matches(sniHost)) {
                        return name.alias();
                    }
                }
                for (X509 certificate : certificates) {
                    if (certificate.matches(sniHost)) {
                        return certificate.getAlias();
                    }
                }
            }
            if (tls.defaultAlias() != null && aliases.contains(tls.defaultAlias())) {
                return tls.defaultAlias();
            }
            return aliases.isEmpty() ? null : aliases.get(0);
        }
    }
}

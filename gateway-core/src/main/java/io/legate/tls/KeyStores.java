package io.legate.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/** In-memory key and trust stores for Jetty's SslContextFactory, built from PEM material. */
public final class KeyStores {

    /** The password of the in-memory key stores: they never touch a disk, so it protects nothing. */
    public static final String PASSWORD = "legate";

    private KeyStores() {
    }

    /** A PKCS#12 store holding each key under its alias. */
    public static KeyStore keyStore(Map<String, CertifiedKey> byAlias) {
        KeyStore store = empty();
        try {
            for (Map.Entry<String, CertifiedKey> entry : byAlias.entrySet()) {
                CertifiedKey key = entry.getValue();
                store.setKeyEntry(entry.getKey(), key.key(), PASSWORD.toCharArray(),
                        key.chain().toArray(new Certificate[0]));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot put a key into an in-memory key store", e);
        }
        return store;
    }

    /** A PKCS#12 store trusting {@code certificates}. */
    public static KeyStore trustStore(List<X509Certificate> certificates) {
        KeyStore store = empty();
        try {
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot put a certificate into an in-memory trust store", e);
        }
        return store;
    }

    private static KeyStore empty() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("no PKCS12 key store in this JVM", e);
        }
    }
}

package io.legate.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain, leaf first, and the private key of its leaf. {@link #toString} names the certificate and
 * never shows the key (the JDK's own key classes print private exponents).
 */
public record CertifiedKey(List<X509Certificate> chain, PrivateKey key) {

    public CertifiedKey {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "CertifiedKey[" + leaf().getSubjectX500Principal().getName() + ", serial " + leaf().getSerialNumber()
                + ", key " + key.getAlgorithm() + " (not shown)]";
    }
}

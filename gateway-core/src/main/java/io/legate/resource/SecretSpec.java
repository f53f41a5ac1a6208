package io.legate.resource;

import io.legate.tls.CertifiedKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A Kubernetes-shaped {@code Secret}, its PEM already read and checked.
 *
 * @param type      {@code kubernetes.io/tls} or {@code Opaque}
 * @param tls       {@code tls.crt} with {@code tls.key}, or null for a CA-only secret
 * @param ca        the certificates of {@code ca.crt}; empty when absent
 */
public record SecretSpec(String type, CertifiedKey tls, List<X509Certificate> ca) implements TypedSpec {

    public SecretSpec {
        ca = List.copyOf(ca);
    }
}

package io.legate.tls;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM with BouncyCastle: certificates ({@code CERTIFICATE} blocks, a chain in order) and private keys in
 * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1 EC ({@code EC PRIVATE KEY}) form.
 * Encrypted keys are refused: nothing could supply their password. Messages never quote the input.
 */
public final class Pem {

    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

    private Pem() {
    }

    /** Every certificate in {@code pem}, in order; at least one. */
    public static List<X509Certificate> certificates(String pem) throws PemException {
        List<X509Certificate> result = new ArrayList<>();
        for (Object object : objects(pem)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    result.add(CERTIFICATES.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new PemException("certificate " + (result.size() + 1) + " cannot be read: " + e.getMessage());
                }
            }
        }
        if (result.isEmpty()) {
            throw new PemException("no PEM certificate found (expected -----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(result);
    }

    /** The one private key in {@code pem}. */
    public static PrivateKey privateKey(String pem) throws PemException {
        PrivateKey found = null;
        for (Object object : objects(pem)) {
            PrivateKeyInfo info;
            if (object instanceof PrivateKeyInfo pkcs8) {
                info = pkcs8;
            } else if (object instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new PemException("the private key is encrypted; store it unencrypted (the file store keeps it"
                        + " owner-only)");
            } else {
                continue;
            }
            if (found != null) {
                throw new PemException("more than one private key found (expected one)");
            }
            try {
                found = KEYS.getPrivateKey(info);
            } catch (IOException e) {
                throw new PemException("the private key cannot be read: unsupported algorithm or damaged key");
            }
        }
        if (found == null) {
            throw new PemException("no PEM private key found (expected -----BEGIN PRIVATE KEY-----, "
                    + "-----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)");
        }
        return found;
    }

    /** A certificate chain with its key, checked: the key belongs to the leaf and the leaf is valid now. */
    public static CertifiedKey certifiedKey(List<X509Certificate> chain, PrivateKey key, Instant now) throws PemException {
        X509Certificate leaf = chain.get(0);
        if (!matches(leaf, key)) {
            throw new PemException("the private key does not match the certificate " + subject(leaf));
        }
        checkValidity(leaf, now);
        return new CertifiedKey(chain, key);
    }

    /** Refuses a certificate that has expired or is not valid yet. */
    public static void checkValidity(X509Certificate certificate, Instant now) throws PemException {
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new PemException("the certificate " + subject(certificate) + " expired on "
                    + certificate.getNotAfter().toInstant());
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new PemException("the certificate " + subject(certificate) + " is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
    }

    public static String subject(X509Certificate certificate) {
        return "\"" + certificate.getSubjectX500Principal().getName() + "\"";
    }

    /** True when {@code key} signs what the certificate's public key verifies. */
    static boolean matches(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null || !certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())
                && !(key.getAlgorithm().startsWith("EC") && certificate.getPublicKey().getAlgorithm().startsWith("EC"))) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static List<Object> objects(String pem) throws PemException {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            // BouncyCastle's messages can quote the damaged text: only its kind is passed on.
            throw new PemException("not valid PEM (damaged base64 or a block that is not closed)");
        }
        return objects;
    }
}

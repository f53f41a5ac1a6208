package io.legate.testing;

import io.legate.tls.CertifiedKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Certificates made in the test, with BouncyCastle: a CA, and leaf certificates it signs for server names
 * (DNS or IP) or a client. EC P-256 keys, which are fast to make; {@link #rsa} for an RSA key.
 */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** A self-signed CA. */
    public static CertifiedKey ca(String commonName) {
        KeyPair pair = ecKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CertifiedKey(List.of(sign(builder, pair.getPrivate())), pair.getPrivate());
    }

    /** A server certificate for {@code names} (DNS names, or IP addresses such as {@code 127.0.0.1}), signed by {@code ca}. */
    public static CertifiedKey server(CertifiedKey ca, String... names) {
        return leaf(ca, ecKeyPair(), Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(30)), names);
    }

    /** A client certificate, signed by {@code ca}. */
    public static CertifiedKey client(CertifiedKey ca, String commonName) {
        return leaf(ca, ecKeyPair(), Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(30)),
                commonName);
    }

    /** A server certificate that expired yesterday. */
    public static CertifiedKey expired(CertifiedKey ca, String name) {
        return leaf(ca, ecKeyPair(), Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)), name);
    }

    /** A server certificate with an RSA key. */
    public static CertifiedKey rsa(CertifiedKey ca, String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return leaf(ca, generator.generateKeyPair(), Instant.now().minus(Duration.ofHours(1)),
                    Instant.now().plus(Duration.ofDays(30)), name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CertifiedKey leaf(CertifiedKey ca, KeyPair pair, Instant notBefore, Instant notAfter, String... names) {
        X500Name issuer = new X500Name(ca.leaf().getSubjectX500Principal().getName());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                Date.from(notAfter), new X500Name("CN=" + names[0]), pair.getPublic());
        List<GeneralName> alternatives = new ArrayList<>();
        for (String name : names) {
            boolean ip = name.chars().allMatch(c -> c == '.' || Character.isDigit(c)) || name.contains(":");
            alternatives.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        try {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(alternatives.toArray(new GeneralName[0])));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CertifiedKey(List.of(sign(builder, ca.key())), pair.getPrivate());
    }

    /** The chain in PEM. */
    public static String certificatePem(CertifiedKey key) {
        return pem(key.chain().toArray());
    }

    /** The key in PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public static String pkcs8Pem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key in its traditional PEM: PKCS#1 for RSA, SEC1 for EC (with its curve, as openssl writes it). */
    public static String traditionalPem(PrivateKey key) {
        if (!key.getAlgorithm().equals("EC")) {
            return pem(key);
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
            ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), info.getPrivateKeyAlgorithm().getParameters());
            return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code kubernetes.io/tls} Secret with the key in PKCS#8, under {@code stringData}, plus {@code ca.crt} when given. */
    public static String secretYaml(String name, CertifiedKey key, CertifiedKey ca) {
        StringBuilder yaml = new StringBuilder("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ").append(name)
                .append("\ntype: kubernetes.io/tls\nstringData:\n");
        yaml.append("  tls.crt: |\n").append(indent(certificatePem(key)));
        yaml.append("  tls.key: |\n").append(indent(pkcs8Pem(key.key())));
        if (ca != null) {
            yaml.append("  ca.crt: |\n").append(indent(certificatePem(ca)));
        }
        return yaml.toString();
    }

    /** An {@code Opaque} Secret holding only {@code ca.crt}, base64 under {@code data} as kubectl prints it. */
    public static String caSecretYaml(String name, CertifiedKey ca) {
        return "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\ntype: Opaque\ndata:\n  ca.crt: "
                + Base64.getEncoder().encodeToString(certificatePem(ca).getBytes()) + "\n";
    }

    public static String indent(String text) {
        return text.lines().map(line -> "    " + line + "\n").reduce("", String::concat);
    }

    private static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
        try {
            String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }
}

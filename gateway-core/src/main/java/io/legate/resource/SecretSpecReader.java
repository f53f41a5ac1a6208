package io.legate.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.legate.tls.CertifiedKey;
import io.legate.tls.Pem;
import io.legate.tls.PemException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code Secret} as {@code kubectl get secret -o yaml} prints it: {@code type}, {@code data} (base64) and
 * {@code stringData} (plain, winning over {@code data} as in Kubernetes). The PEM is parsed and checked here, so a
 * bad key is refused when written. Messages name fields and certificates, never key material.
 */
final class SecretSpecReader {

    static final String TLS_TYPE = "kubernetes.io/tls";
    private static final Set<String> TYPES = Set.of(TLS_TYPE, "Opaque");
    private static final Set<String> KEYS = Set.of("tls.crt", "tls.key", "ca.crt");

    private SecretSpecReader() {
    }

    /** @param document the whole Secret: a Secret has no {@code spec} */
    static SecretSpec read(JsonNode document, Problems problems, Instant now) {
        SpecFields top = new SpecFields(document, "", problems);
        String type = top.string("type");
        if (type == null) {
            type = "Opaque";
        } else if (!TYPES.contains(type)) {
            top.error("type", "\"" + type + "\" is not supported (expected " + TLS_TYPE + " or Opaque)");
            return null;
        }
        Value crt = value(top, "tls.crt");
        Value key = value(top, "tls.key");
        Value ca = value(top, "ca.crt");
        if (problems.hasErrors()) {
            return null;
        }
        warnUnknownKeys(top, "data");
        warnUnknownKeys(top, "stringData");
        if (crt == null != (key == null)) {
            Value present = crt == null ? key : crt;
            top.error(present.field(), "tls.crt and tls.key go together (one is missing)");
            return null;
        }
        if (TLS_TYPE.equals(type) && crt == null) {
            top.error("data", "a " + TLS_TYPE + " secret needs tls.crt and tls.key");
            return null;
        }
        if (crt == null && ca == null) {
            top.error("data", "holds none of tls.crt, tls.key, ca.crt");
            return null;
        }
        CertifiedKey tls = crt == null ? null : certifiedKey(top, crt, key, now);
        List<X509Certificate> caCertificates = ca == null ? List.of() : caCertificates(top, ca, now);
        return problems.hasErrors() ? null : new SecretSpec(type, tls, caCertificates);
    }

    /** Where a key's text came from, e.g. {@code stringData.tls.key}. */
    private record Value(String field, String text) {
    }

    private static Value value(SpecFields top, String key) {
        SpecFields stringData = top.object("stringData");
        if (stringData != null && stringData.present(key) != null) {
            String text = stringData.string(key);
            return text == null ? null : new Value(stringData.field(key), text);
        }
        SpecFields data = top.object("data");
        if (data == null || data.present(key) == null) {
            return null;
        }
        String encoded = data.string(key);
        if (encoded == null) {
            return null;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(encoded.replaceAll("\\s", ""));
            return new Value(data.field(key), new String(decoded, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            data.error(key, "not base64 (data holds base64; put PEM text under stringData)");
            return null;
        }
    }

    private static void warnUnknownKeys(SpecFields top, String field) {
        SpecFields values = top.object(field);
        if (values == null) {
            return;
        }
        for (Iterator<String> names = values.names(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                values.warning(name, "unknown key (kept, but has no effect; expected tls.crt, tls.key, ca.crt)");
            }
        }
    }

    private static CertifiedKey certifiedKey(SpecFields top, Value crt, Value key, Instant now) {
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(crt.text());
        } catch (PemException e) {
            top.problemAt(crt.field(), e.getMessage());
            return null;
        }
        PrivateKey privateKey;
        try {
            privateKey = Pem.privateKey(key.text());
        } catch (PemException e) {
            top.problemAt(key.field(), e.getMessage());
            return null;
        }
        try {
            return Pem.certifiedKey(chain, privateKey, now);
        } catch (PemException e) {
            top.problemAt(e.getMessage().startsWith("the private key") ? key.field() : crt.field(), e.getMessage());
            return null;
        }
    }

    private static List<X509Certificate> caCertificates(SpecFields top, Value ca, Instant now) {
        try {
            List<X509Certificate> certificates = Pem.certificates(ca.text());
            for (X509Certificate certificate : certificates) {
                Pem.checkValidity(certificate, now);
            }
            return certificates;
        } catch (PemException e) {
            top.problemAt(ca.field(), e.getMessage());
            return List.of();
        }
    }
}

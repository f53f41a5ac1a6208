package io.legate.resource;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Reads a TLSContext's {@code cipher_suites} as Emissary does: OpenSSL (BoringSSL) names, the way Envoy takes them,
 * including BoringSSL's equal-preference groups ({@code [A|B]}, flattened here in order); Java's names work too.
 * Each is translated to the name the JDK knows it by.
 */
final class CipherSuiteNames {

    // The TLS 1.2 suites Envoy's BoringSSL offers, under their OpenSSL names. TLS 1.3 suites have one name everywhere.
    private static final Map<String, String> OPENSSL_TO_JDK = Map.ofEntries(
            Map.entry("ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-PSK-CHACHA20-POLY1305", "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-PSK-AES128-CBC-SHA", "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-PSK-AES256-CBC-SHA", "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-ECDSA-AES128-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry("PSK-AES128-CBC-SHA", "TLS_PSK_WITH_AES_128_CBC_SHA"),
            Map.entry("PSK-AES256-CBC-SHA", "TLS_PSK_WITH_AES_256_CBC_SHA"),
            Map.entry("DES-CBC3-SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));

    private CipherSuiteNames() {
    }

    /** The JDK's names of {@code cipher_suites}, each read once; an error names each that is unknown or unsupported. */
    static List<String> read(SpecFields f) {
        Set<String> supported = supportedByThisJvm();
        List<String> suites = new ArrayList<>();
        for (String entry : f.strings("cipher_suites")) {
            for (String name : entry.replace("[", "").replace("]", "").split("\\|")) {
                String suite = name.strip();
                String jdk = OPENSSL_TO_JDK.getOrDefault(suite, suite);
                if (supported.contains(jdk)) {
                    if (!suites.contains(jdk)) {
                        suites.add(jdk);
                    }
                } else if (OPENSSL_TO_JDK.containsKey(suite)) {
                    f.error("cipher_suites", "\"" + suite + "\" (" + jdk + ") is not supported by this JVM");
                } else {
                    f.error("cipher_suites", "\"" + suite + "\" is not a cipher suite (expected OpenSSL's names, e.g."
                            + " ECDHE-RSA-AES128-GCM-SHA256, or TLS 1.3's, e.g. TLS_AES_128_GCM_SHA256)");
                }
            }
        }
        return List.copyOf(suites);
    }

    private static Set<String> supportedByThisJvm() {
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default SSLContext in this JVM", e);
        }
    }
}

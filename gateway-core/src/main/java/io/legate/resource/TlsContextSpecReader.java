package io.legate.resource;

import io.legate.resource.model.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import io.legate.hostname.HostMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks the {@code spec} of a TLSContext. */
final class TlsContextSpecReader {

    private static final Set<String> IMPLEMENTED = Set.of(
            "hosts", "secret", "alpn_protocols", "min_tls_version", "max_tls_version", "ca_secret", "cert_required",
            "cipher_suites", "sni");

    /** Emissary's names and the JDK's. */
    private static final Map<String, String> VERSIONS = Map.of(
            "v1.0", "TLSv1", "v1.1", "TLSv1.1", "v1.2", "TLSv1.2", "v1.3", "TLSv1.3");
    private static final List<String> VERSION_ORDER = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private static final Set<String> ALPN = Set.of("h2", "http/1.1");

    private TlsContextSpecReader() {
    }

    static TlsContextSpec read(JsonNode spec, Problems problems) {
        SpecFields f = new SpecFields(spec, "spec", problems);
        List<String> hosts = f.strings("hosts");
        for (int i = 0; i < hosts.size(); i++) {
            try {
                HostMatcher.glob(hosts.get(i));
            } catch (IllegalArgumentException e) {
                problems.error(f.field("hosts") + "[" + i + "]", e.getMessage());
            }
        }
        String min = version(f, "min_tls_version");
        String max = version(f, "max_tls_version");
        if (min != null && max != null && VERSION_ORDER.indexOf(min) > VERSION_ORDER.indexOf(max)) {
            f.error("min_tls_version", "is above max_tls_version");
        }
        String caSecret = f.string("ca_secret");
        boolean certRequired = f.bool("cert_required") && caSecret != null;
        if (f.bool("cert_required") && caSecret == null) {
            // Emissary accepts this, and its Envoy then asks for a certificate it cannot verify: no protection.
            f.warning("cert_required", "without ca_secret, no CA verifies client certificates, so none is required"
                    + " (has no effect in Legate)");
        }
        TlsContextSpec result = new TlsContextSpec(hosts, f.string("secret"), alpn(f), min, max, caSecret,
                certRequired, CipherSuiteNames.read(f), f.string("sni"));
        f.reportIgnored(IMPLEMENTED, EmissaryFields.listed().specFields(ResourceKind.TLS_CONTEXT));
        return result;
    }

    /** {@code alpn_protocols}: a comma-separated string as in the CRD; a list, as the guide's text writes it, too. */
    private static List<String> alpn(SpecFields f) {
        List<String> protocols = new ArrayList<>();
        for (String item : f.strings("alpn_protocols")) {
            Arrays.stream(item.split(",")).map(String::strip).filter(p -> !p.isEmpty()).forEach(protocols::add);
        }
        for (String protocol : protocols) {
            if (!ALPN.contains(protocol)) {
                // Emissary passes any name to Envoy (Istio's sidecars offer "istio"); Legate could not speak it.
                f.warning("alpn_protocols", "\"" + protocol + "\" is left out: Legate speaks h2 and http/1.1 only");
            }
        }
        return protocols.stream().filter(ALPN::contains).distinct().toList();
    }

    private static String version(SpecFields f, String field) {
        String version = f.string(field);
        if (version == null) {
            return null;
        }
        String jdk = VERSIONS.get(version);
        if (jdk == null) {
            f.error(field, "\"" + version + "\" is not one of v1.0, v1.1, v1.2, v1.3");
        }
        return jdk;
    }
}

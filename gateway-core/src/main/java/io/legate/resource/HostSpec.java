package io.legate.resource;

/**
 * The {@code spec} of an Emissary Host: which TLS certificate serves a hostname, and what happens to
 * cleartext requests for it.
 *
 * @param hostname       null when absent
 * @param tlsSecretName  {@code tlsSecret.name}, or null: without it the Host terminates no TLS
 * @param tlsContextName {@code tlsContext.name}, or null
 */
public record HostSpec(String hostname, String tlsSecretName, String tlsContextName, InsecureAction insecureAction)
        implements TypedSpec {

    /** {@code requestPolicy.insecure.action}; the YAML names are case-sensitive, as in Emissary. */
    public enum InsecureAction {
        /** 301 to https; the default. */
        REDIRECT("Redirect"),
        /** Serve cleartext as is (what h2c gRPC needs). */
        ROUTE("Route"),
        /** 400, or a trailers-only error for gRPC. */
        REJECT("Reject");

        private final String yamlName;

        InsecureAction(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}

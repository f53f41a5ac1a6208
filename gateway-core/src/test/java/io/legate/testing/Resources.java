package io.legate.testing;

import io.legate.tls.CertifiedKey;

/** Host, TLSContext, Secret and Endpoints YAML for tests, in the shapes of Emissary's gRPC guide. */
public final class Resources {

    private Resources() {
    }

    /** A Kubernetes {@code Endpoints} resource listing {@code 127.0.0.1} at each of {@code ports}, a subset each. */
    public static String endpoints(String name, int... ports) {
        StringBuilder yaml = new StringBuilder("---\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ")
                .append(name).append("\nsubsets:\n");
        for (int port : ports) {
            yaml.append("- addresses: [{ip: 127.0.0.1}]\n  ports: [{port: ").append(port).append("}]\n");
        }
        return yaml.toString();
    }

    public static String secret(String name, CertifiedKey key) {
        return TestCertificates.secretYaml(name, key, null);
    }

    public static String caSecret(String name, CertifiedKey ca) {
        return TestCertificates.caSecretYaml(name, ca);
    }

    /** A Host; {@code tlsSecret} and {@code action} may be null. */
    public static String host(String name, String hostname, String tlsSecret, String action) {
        StringBuilder yaml = new StringBuilder("---\napiVersion: getambassador.io/v3alpha1\nkind: Host\nmetadata:\n  name: ")
                .append(name).append("\nspec:\n  hostname: \"").append(hostname).append("\"\n");
        if (tlsSecret != null) {
            yaml.append("  tlsSecret:\n    name: ").append(tlsSecret).append('\n');
        }
        if (action != null) {
            yaml.append("  requestPolicy:\n    insecure:\n      action: ").append(action).append('\n');
        }
        return yaml.toString();
    }

    /** A TLSContext with the spec lines given, e.g. {@code "secret: cert"}, {@code "alpn_protocols: h2"}. */
    public static String tlsContext(String name, String... specLines) {
        StringBuilder yaml = new StringBuilder("---\napiVersion: getambassador.io/v3alpha1\nkind: TLSContext\nmetadata:\n  name: ")
                .append(name).append("\nspec:\n");
        for (String line : specLines) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.toString();
    }

    /** The {@code ambassador} Module with the {@code spec.config} lines given, e.g. {@code "enable_grpc_web: true"}. */
    public static String ambassadorModule(String... configLines) {
        StringBuilder yaml = new StringBuilder(
                "---\napiVersion: getambassador.io/v3alpha1\nkind: Module\nmetadata:\n  name: ambassador\nspec:\n  config:\n");
        for (String line : configLines) {
            yaml.append("    ").append(line).append('\n');
        }
        return yaml.toString();
    }
}

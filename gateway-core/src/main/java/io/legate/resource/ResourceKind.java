package io.legate.resource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of resource Legate understands, with the {@code apiVersion}s each accepts. The gateway reads the first
 * five itself; the others are read by the plugin that {@linkplain io.legate.plugin.PluginFactory#resourceKinds()
 * claims} them.
 */
public enum ResourceKind {
    MAPPING("Mapping", Versions.AMBASSADOR),
    HOST("Host", Versions.AMBASSADOR),
    TLS_CONTEXT("TLSContext", Versions.AMBASSADOR),
    MODULE("Module", Versions.AMBASSADOR),
    SECRET("Secret", List.of("v1")),
    AUTH_SERVICE("AuthService", Versions.AMBASSADOR);

    private final String yamlName;
    private final List<String> apiVersions;

    ResourceKind(String yamlName, List<String> apiVersions) {
        this.yamlName = yamlName;
        this.apiVersions = apiVersions;
    }

    /** The {@code kind} as written in YAML, e.g. {@code TLSContext}. */
    public String yamlName() {
        return yamlName;
    }

    /** Whether a plugin may claim this kind: the gateway does not read it itself. */
    public boolean claimable() {
        return !EnumSet.of(MAPPING, HOST, TLS_CONTEXT, MODULE, SECRET).contains(this);
    }

    public boolean accepts(String apiVersion) {
        return apiVersions.contains(apiVersion);
    }

    /** The accepted {@code apiVersion}s, for messages. */
    String expectedApiVersions() {
        return String.join(" or ", apiVersions);
    }

    /** The kind named exactly (case-sensitive, as in Kubernetes) by {@code yamlName}. */
    public static Optional<ResourceKind> of(String yamlName) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(yamlName)).findFirst();
    }

    static String expectedKinds() {
        return String.join(", ", Arrays.stream(values()).map(ResourceKind::yamlName).toList());
    }

    // An enum constant cannot refer to a static field of its own enum in its constructor arguments.
    private static final class Versions {
        static final List<String> AMBASSADOR = List.of("getambassador.io/v3alpha1", "getambassador.io/v2");
    }
}

package io.legate.resource.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of resource Legate accepts, with the {@code apiVersion}s each accepts: the four it acts on, Secret,
 * Kubernetes' Endpoints, and Emissary's other kinds. A plugin may {@linkplain io.legate.plugin.PluginFactory#resourceKinds() claim} one of the
 * others and act on it; the rest are stored as written, so that a whole Emissary file applies, but without effect.
 */
public enum ResourceKind {
    MAPPING("Mapping", Versions.AMBASSADOR),
    HOST("Host", Versions.AMBASSADOR),
    TLS_CONTEXT("TLSContext", Versions.AMBASSADOR),
    MODULE("Module", Versions.AMBASSADOR),
    SECRET("Secret", List.of("v1")),
    ENDPOINTS("Endpoints", List.of("v1")),
    LISTENER("Listener", Versions.V3ALPHA1),
    AUTH_SERVICE("AuthService", Versions.AMBASSADOR),
    RATE_LIMIT_SERVICE("RateLimitService", Versions.AMBASSADOR),
    TRACING_SERVICE("TracingService", Versions.AMBASSADOR),
    LOG_SERVICE("LogService", Versions.AMBASSADOR),
    TCP_MAPPING("TCPMapping", Versions.AMBASSADOR),
    DEV_PORTAL("DevPortal", Versions.AMBASSADOR),
    KUBERNETES_ENDPOINT_RESOLVER("KubernetesEndpointResolver", Versions.AMBASSADOR),
    KUBERNETES_SERVICE_RESOLVER("KubernetesServiceResolver", Versions.AMBASSADOR),
    CONSUL_RESOLVER("ConsulResolver", Versions.AMBASSADOR);

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
        return !EnumSet.of(MAPPING, HOST, TLS_CONTEXT, MODULE, SECRET, ENDPOINTS).contains(this);
    }

    /**
     * Whether a resource of this kind, with no plugin to act on it, is refused (or, stored before, refuses every
     * request) rather than kept without effect: an authorization service left out would let everyone in.
     */
    public boolean failsClosed() {
        return this == AUTH_SERVICE;
    }

    /** Whether its fields are beside {@code metadata}, as Kubernetes writes a Secret, not under {@code spec}. */
    public boolean specless() {
        return this == SECRET || this == ENDPOINTS;
    }

    public boolean accepts(String apiVersion) {
        return apiVersions.contains(apiVersion);
    }

    /** The accepted {@code apiVersion}s, for messages. */
    public String expectedApiVersions() {
        return String.join(" or ", apiVersions);
    }

    /** The kind named exactly (case-sensitive, as in Kubernetes) by {@code yamlName}. */
    public static Optional<ResourceKind> of(String yamlName) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(yamlName)).findFirst();
    }

    public static String expectedKinds() {
        return String.join(", ", Arrays.stream(values()).map(ResourceKind::yamlName).toList());
    }

    // An enum constant cannot refer to a static field of its own enum in its constructor arguments.
    private static final class Versions {
        static final List<String> AMBASSADOR = List.of("getambassador.io/v3alpha1", "getambassador.io/v2");
        static final List<String> V3ALPHA1 = List.of("getambassador.io/v3alpha1");
    }
}

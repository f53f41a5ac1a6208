package io.legate.resource;

import io.legate.access.CallerPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code spec} of a Module, as far as Legate acts on it.
 *
 * @param global                  whether this is the {@code ambassador} Module, the only one whose settings apply
 * @param plugins                 the plugin settings it writes, by plugin name, bound and validated
 * @param missingPlugins          the plugins it configures that are not loaded: while there are any, nothing is served
 * @param clusterRequestTimeoutMs {@code cluster_request_timeout_ms}: the {@code timeout_ms} of Mappings that set none
 * @param upstreamDefaults        {@code load_balancer}, {@code resolver}, {@code retry_policy} and
 *                                {@code circuit_breakers}: those of Mappings that set none
 * @param callers                 {@code ip_allow}, {@code ip_deny} and {@code x_forwarded_proto_redirect}
 */
public record ModuleSpec(boolean global, Map<String, Record> plugins, List<String> missingPlugins,
                         OptionalInt clusterRequestTimeoutMs, UpstreamFields upstreamDefaults, CallerPolicy callers)
        implements TypedSpec {

    /** Emissary's name for the Module of gateway-wide settings. */
    public static final String GLOBAL_NAME = "ambassador";

    public ModuleSpec {
        plugins = Map.copyOf(plugins);
        missingPlugins = List.copyOf(missingPlugins);
    }

    /** The spec of the {@code ambassador} Module among {@code resources}, if there is one. */
    public static Optional<ModuleSpec> global(List<Resource> resources) {
        return resources.stream()
                .filter(r -> r.typed() instanceof ModuleSpec module && module.global())
                .map(r -> (ModuleSpec) r.typed())
                .findFirst();
    }
}

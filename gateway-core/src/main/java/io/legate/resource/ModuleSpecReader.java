package io.legate.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code ambassador} Module's {@code spec.config}: each key is a plugin's name, a key a plugin claims
 * (such as {@code strip_matching_host_port}), or an Emissary setting Legate does not act on (a warning). Anything
 * else is an error, since a plugin that is not there cannot apply it.
 */
final class ModuleSpecReader {

    /** Emissary's Module settings; those a loaded plugin claims are read by it instead. */
    private static final Set<String> EMISSARY_KEYS = Set.of(
            "strip_matching_host_port", "strip_any_host_port", "enable_grpc_web", "cors", "lua_scripts",
            "use_remote_address", "xff_num_trusted_hops", "server_name", "buffer_limit_bytes", "grpc_stats",
            "diagnostics", "add_linkerd_headers", "use_proxy_proto", "enable_http10", "listener_idle_timeout_ms",
            "circuit_breakers", "retry_policy", "load_balancer", "regex_type", "envoy_log_type", "envoy_log_format",
            "merge_slashes", "reject_requests_with_escaped_slashes", "preserve_external_request_id",
            "header_case_overrides", "max_request_headers_kb", "cluster_idle_timeout_ms", "error_response_overrides");

    private ModuleSpecReader() {
    }

    static ModuleSpec read(String name, JsonNode spec, Problems problems, PluginSettingsReader pluginSettings) {
        SpecFields fields = new SpecFields(spec, "spec", problems);
        fields.reportUnknown(Set.of("config"), Set.of("ambassador_id"));
        boolean global = ModuleSpec.GLOBAL_NAME.equals(name);
        SpecFields config = fields.object("config");
        if (config == null) {
            return new ModuleSpec(global, Map.of(), List.of());
        }
        if (!global) {
            problems.warning("metadata.name", "only the Module named '" + ModuleSpec.GLOBAL_NAME
                    + "' is read; the settings of this one have no effect");
        }
        for (Iterator<String> keys = config.names(); keys.hasNext(); ) {
            String key = keys.next();
            if (EMISSARY_KEYS.contains(key) && pluginSettings.registry().claimingModuleKey(key).isEmpty()) {
                config.warning(key, "not implemented yet (kept, but has no effect)");
            }
        }
        Map<String, Record> plugins = pluginSettings.read(config, config, EMISSARY_KEYS);
        return new ModuleSpec(global, plugins, pluginSettings.missing());
    }
}
